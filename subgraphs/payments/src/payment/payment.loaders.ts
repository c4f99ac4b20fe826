import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { rowLoader } from '../../../../platform/loaders';
import { PaymentEntity } from './payment.entity';

export function paymentLoaders(db: RequestDb) {
  return {
    /** Payments by id (whose a refund is). */
    paymentById: rowLoader((ids: readonly string[]) => db.read((m) => m.findBy(PaymentEntity, { id: In([...ids]) })), (p) => p.id),
    /** The latest payment of each order (an order whose first card was declined may have several). */
    paymentByOrder: rowLoader(
      (orderIds: readonly string[]) =>
        db.read((m) =>
          m
            .createQueryBuilder(PaymentEntity, 'p')
            .distinctOn(['p.order_id'])
            .where('p.order_id = ANY(:ids::uuid[])', { ids: [...orderIds] })
            .orderBy('p.order_id')
            .addOrderBy('p.created_at', 'DESC')
            .addOrderBy('p.id', 'DESC')
            .getMany(),
        ),
      (p) => p.orderId,
    ),
  };
}
