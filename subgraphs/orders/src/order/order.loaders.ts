import { In } from 'typeorm';
import { sql } from '../../../../platform/db/sql';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader, valueLoader } from '../../../../platform/loaders';
import { pagedGroupLoader } from '../../../../platform/paged-loader';
import { OrderEntity, OrderLineEntity, OrderStatusEntryEntity } from './order.entity';
import { ORDER_COLUMNS, type OrderRow } from './order-row';

/** Orders, their lines and history, a customer's orders page and count: one statement per batch. */
export function orderLoaders(db: RequestDb) {
  return {
    orderById: rowLoader((ids: readonly string[]) => db.read((m) => m.findBy(OrderEntity, { id: In([...ids]) })), (o) => o.id),
    linesByOrder: groupLoader(
      (ids: readonly string[]) => db.read((m) => m.find(OrderLineEntity, { where: { orderId: In([...ids]) }, order: { orderId: 'ASC', position: 'ASC' } })),
      (l) => l.orderId,
    ),
    historyByOrder: groupLoader(
      (ids: readonly string[]) => db.read((m) => m.find(OrderStatusEntryEntity, { where: { orderId: In([...ids]) }, order: { id: 'ASC' } })),
      (h) => h.orderId,
    ),
    /** A page of each customer's orders, newest first. */
    ordersByUser: pagedGroupLoader<OrderRow>(
      (userIds, limit, afterSeq) =>
        db.read((m) =>
          sql<OrderRow>(
            m,
            `SELECT page.* FROM unnest($1::uuid[]) AS u(id)
             CROSS JOIN LATERAL (
               SELECT ${ORDER_COLUMNS} FROM orders o
               WHERE o.user_id = u.id AND ($3::bigint IS NULL OR o.seq < $3::bigint)
               ORDER BY o.seq DESC LIMIT $2
             ) page`,
            [userIds, limit, afterSeq],
          ),
        ),
      (o) => o.userId!,
    ),
    orderCountByUser: valueLoader(
      (userIds: readonly string[]) =>
        db.read((m) =>
          sql<{ userId: string; count: number }>(m, `SELECT user_id::text AS "userId", count(*)::int AS count FROM orders WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`, [userIds]),
        ),
      (r) => r.userId,
      (r) => r.count,
      0,
    ),
  };
}
