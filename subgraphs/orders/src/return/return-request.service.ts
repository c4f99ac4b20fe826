import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { canRead } from '../order/order-access';
import { OrderEntity, OrderLineEntity } from '../order/order.entity';
import { OrderStatus } from '../order/order-status';
import { ReturnLineEntity, ReturnRequestEntity } from './return.entity';
import { ReturnError } from './return.errors';
import { publishReturnUpdated } from './return-events';
import type { RequestReturnInput } from './return.inputs';
import { COUNTING, ReturnStatus } from './return-status';

export interface ReturnResult {
  returnRequest: ReturnRequestEntity | null;
  userErrors: UserError[];
}

export const returnFailed = (...userErrors: UserError[]): ReturnResult => ({ returnRequest: null, userErrors });

const MAX_LINES = 100;

function inputProblems(input: RequestReturnInput): UserError[] {
  const reason = input.reason.trim();
  const problems: UserError[] = [];
  if (!reason || reason.length > 500) problems.push(userError(ReturnError.INVALID, 'reason must be 1 to 500 characters', 'input.reason'));
  if (!input.lines.length || input.lines.length > MAX_LINES) problems.push(userError(ReturnError.INVALID, `lines must hold 1 to ${MAX_LINES} lines`, 'input.lines'));
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1) problems.push(userError(ReturnError.INVALID, 'quantity must be at least 1', `input.lines.${i}.quantity`));
    const id = l.orderLineId.toLowerCase();
    if (seen.has(id)) problems.push(userError(ReturnError.INVALID, 'each order line at most once', `input.lines.${i}.orderLineId`));
    seen.add(id);
  });
  return problems;
}

/** Units of each order line already in a return that counts (any status but REJECTED). */
export async function unitsInReturns(m: EntityManager, orderId: string, statuses: readonly ReturnStatus[] = COUNTING): Promise<Map<string, number>> {
  const rows = await m
    .createQueryBuilder(ReturnLineEntity, 'l')
    .innerJoin(ReturnRequestEntity, 'r', 'r.id = l.return_id')
    .select('l.order_line_id::text', 'orderLineId')
    .addSelect('sum(l.quantity)::int', 'units')
    .where('r.order_id = :orderId AND r.status IN (:...statuses)', { orderId, statuses })
    .groupBy('l.order_line_id')
    .getRawMany<{ orderLineId: string; units: number }>();
  return new Map(rows.map((r) => [r.orderLineId, r.units]));
}

/**
 * A return of units of a DELIVERED order of the caller (staff: any order). Under the order's row
 * lock (SELECT … FOR UPDATE), so concurrent requests for the last returnable units take turns and
 * only the first gets them. Nothing is written when any check fails.
 */
export async function requestReturn(ctx: OrdersContext, input: RequestReturnInput): Promise<ReturnResult> {
  const problems = inputProblems(input);
  if (problems.length) return returnFailed(...problems);
  const orderId = isUuid(input.orderId) ? input.orderId.toLowerCase() : null;
  const notFound = returnFailed(userError(ReturnError.NOT_FOUND, 'No such order of yours', 'input.orderId'));
  if (!orderId) return notFound;
  return ctx.db.write(async (m): Promise<ReturnResult> => {
    const order = await m.findOne(OrderEntity, { where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || !canRead(ctx, order)) return notFound;
    if (order.status !== OrderStatus.DELIVERED) {
      return returnFailed(userError(ReturnError.ORDER_NOT_DELIVERED, `The order is ${order.status.toLowerCase()}: only delivered orders can be returned`, 'input.orderId'));
    }
    const lines = new Map((await m.find(OrderLineEntity, { where: { orderId } })).map((l) => [l.id, l]));
    const returned = await unitsInReturns(m, orderId);
    const errors = input.lines.flatMap((l, i): UserError[] => {
      const line = isUuid(l.orderLineId) ? lines.get(l.orderLineId.toLowerCase()) : undefined;
      if (!line) return [userError(ReturnError.NOT_FOUND, 'No such line in this order', `input.lines.${i}.orderLineId`)];
      const left = line.quantity - (returned.get(line.id) ?? 0);
      if (l.quantity > left) {
        return [userError(ReturnError.RETURN_QUANTITY_EXCEEDED, `At most ${left} of ${line.quantity} units of ${line.productName} can still be returned`, `input.lines.${i}.quantity`)];
      }
      return [];
    });
    if (errors.length) return returnFailed(...errors);

    const id = randomUUID();
    await m.insert(ReturnRequestEntity, { id, orderId, userId: order.userId, status: ReturnStatus.REQUESTED, reason: input.reason.trim(), currencyCode: order.currencyCode });
    await m.insert(
      ReturnLineEntity,
      input.lines.map((l, position) => ({ returnId: id, orderLineId: l.orderLineId.toLowerCase(), position, quantity: l.quantity })),
    );
    const created = await m.findOneByOrFail(ReturnRequestEntity, { id });
    await publishReturnUpdated(m, created, order, ReturnStatus.REQUESTED);
    return { returnRequest: created, userErrors: [] };
  });
}
