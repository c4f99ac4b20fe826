import type { EntityManager } from 'typeorm';
import { userError } from '../../../../platform/graphql/types';
import { callService } from '../common/call';
import { centsToDecimal } from '../common/money';
import { REFUND_RETURN, RETURN_STOCK } from '../common/remote-operations';
import type { OrdersContext } from '../context';
import { OrderEntity, OrderLineEntity } from '../order/order.entity';
import { recordStatus } from '../order/order-state';
import { OrderStatus } from '../order/order-status';
import { returnRefunds } from './return-amounts';
import { ReturnLineEntity, ReturnRequestEntity } from './return.entity';
import { ReturnError } from './return.errors';
import { publishReturnUpdated } from './return-events';
import { returnFailed, unitsInReturns, type ReturnResult } from './return-request.service';
import { ReturnStatus } from './return-status';

/** The idempotency key of a return's refund and the reference of its stock return: a repeat repeats the same call. */
export const returnRefundKey = (returnId: string) => `return:${returnId}:refund`;
export const returnStockReference = (returnId: string) => `return:${returnId}`;

const inProgress = (r: ReturnRequestEntity, why: string): ReturnResult => ({
  returnRequest: r,
  userErrors: [userError(ReturnError.RETURN_IN_PROGRESS, `The return is being received: ${why}. It is finished in the background; repeat to see the result`, 'status')],
});

const claimEnd = (ctx: OrdersContext) => new Date(ctx.deps.now().getTime() + ctx.deps.config.sagaDeadlineSeconds * 1000);

/**
 * Fixes the refund of each line (once: a resumed receipt refunds the same amounts under the same
 * key). Units whose amounts earlier receipts of the order fixed come first in each line, so the
 * refunds of all returns never exceed what was paid for the goods and their tax (return-amounts.ts).
 */
async function fixAmounts(m: EntityManager, r: ReturnRequestEntity, order: OrderEntity): Promise<void> {
  const orderLines = await m.find(OrderLineEntity, { where: { orderId: order.id }, order: { position: 'ASC' } });
  const mine = await m.find(ReturnLineEntity, { where: { returnId: r.id }, order: { position: 'ASC' } });
  const fixed = await m
    .createQueryBuilder(ReturnLineEntity, 'l')
    .innerJoin(ReturnRequestEntity, 'r', 'r.id = l.return_id')
    .select('l.order_line_id::text', 'orderLineId')
    .addSelect('sum(l.quantity)::int', 'units')
    .where('r.order_id = :orderId AND r.refund_cents IS NOT NULL AND r.id <> :id', { orderId: order.id, id: r.id })
    .groupBy('l.order_line_id')
    .getRawMany<{ orderLineId: string; units: number }>();
  const refunds = returnRefunds(orderLines, order, mine, new Map(fixed.map((f) => [f.orderLineId, f.units])));
  for (const line of refunds) {
    await m.update(ReturnLineEntity, { returnId: r.id, orderLineId: line.orderLineId }, { goodsRefundCents: line.goodsCents, taxRefundCents: line.taxCents });
  }
  r.refundCents = refunds.reduce((sum, l) => sum + l.goodsCents + l.taxCents, 0);
}

type Claim = { claimed: ReturnRequestEntity } | ReturnResult;

/**
 * Starts (or resumes) the receipt of an APPROVED return under the order's and the return's row
 * locks: fixes its amounts the first time, and claims it until now + ORDERS_SAGA_DEADLINE_SECONDS
 * so that a concurrent request or the reconcile job leaves it alone (RETURN_IN_PROGRESS) while
 * this one drives it. A RECEIVED or REFUNDED return is answered as it is (a repeat changes nothing).
 */
async function claimReceipt(ctx: OrdersContext, returnId: string): Promise<Claim> {
  const notFound = returnFailed(userError(ReturnError.NOT_FOUND, 'No such return', 'id'));
  const known = await ctx.db.readPrimary((m) => m.findOneBy(ReturnRequestEntity, { id: returnId }));
  if (!known) return notFound;
  return ctx.db.write(async (m): Promise<Claim> => {
    const order = await m.findOneOrFail(OrderEntity, { where: { id: known.orderId }, lock: { mode: 'pessimistic_write' } });
    const r = await m.findOneOrFail(ReturnRequestEntity, { where: { id: returnId }, lock: { mode: 'pessimistic_write' } });
    if (r.status === ReturnStatus.RECEIVED || r.status === ReturnStatus.REFUNDED) return { returnRequest: r, userErrors: [] };
    if (r.status !== ReturnStatus.APPROVED) {
      return { returnRequest: r, userErrors: [userError(ReturnError.INVALID_RETURN_TRANSITION, `A ${r.status} return cannot become RECEIVED: only an APPROVED one`, 'status')] };
    }
    const now = ctx.deps.now();
    if (r.claimedUntil && r.claimedUntil > now) return inProgress(r, 'another request is receiving it');
    if (r.refundCents === null) await fixAmounts(m, r, order);
    const change = { refundCents: r.refundCents, receiptStartedAt: r.receiptStartedAt ?? now, claimedUntil: claimEnd(ctx) };
    await m.update(ReturnRequestEntity, { id: r.id }, change);
    return { claimed: Object.assign(r, change) };
  });
}

/** Gives up the claim (the reconcile job, or a repeat, may resume at once); `stop` also ends the receipt (a refused refund). */
async function release(ctx: OrdersContext, returnId: string, stop = false): Promise<ReturnRequestEntity> {
  return ctx.db.write(async (m) => {
    await m.update(ReturnRequestEntity, { id: returnId }, stop ? { claimedUntil: null, receiptStartedAt: null } : { claimedUntil: null });
    return m.findOneByOrFail(ReturnRequestEntity, { id: returnId });
  });
}

/** The refund step: null when done (or nothing to refund), else the answer to give. */
async function refundStep(ctx: OrdersContext, r: ReturnRequestEntity): Promise<ReturnResult | null> {
  if (r.refundId || !r.refundCents) return null;
  const answer = (await callService(ctx, 'payments', REFUND_RETURN, {
    orderId: r.orderId,
    amount: centsToDecimal(r.refundCents),
    reason: `Return ${r.id}`,
    idempotencyKey: returnRefundKey(r.id),
  })).refundOrderPayment;
  if (answer.refund?.status === 'SUCCEEDED') {
    await ctx.db.write((m) => m.update(ReturnRequestEntity, { id: r.id }, { refundId: answer.refund!.id }));
    r.refundId = answer.refund.id;
    return null;
  }
  if (answer.refund?.status === 'PENDING' || answer.userErrors.some((e) => e.code === 'PROVIDER_UNAVAILABLE')) {
    return inProgress(await release(ctx, r.id), 'the payment provider has not confirmed the refund yet');
  }
  const why = answer.userErrors[0]?.message ?? `the refund is ${answer.refund?.status ?? 'missing'}`;
  ctx.log.warn({ returnId: r.id, orderId: r.orderId, userErrors: answer.userErrors }, 'return refund refused');
  return { returnRequest: await release(ctx, r.id, true), userErrors: [userError(ReturnError.REFUND_FAILED, `The refund was refused: ${why}`, 'status')] };
}

/** The stock step: the units go back to catalog's stock once (by reference). */
async function stockStep(ctx: OrdersContext, r: ReturnRequestEntity): Promise<void> {
  if (r.stockReturnedAt) return;
  const rows = await ctx.db.readPrimary((m) =>
    m
      .createQueryBuilder(ReturnLineEntity, 'l')
      .innerJoin(OrderLineEntity, 'ol', 'ol.id = l.order_line_id')
      .select('ol.product_id::text', 'productId')
      .addSelect('l.quantity', 'quantity')
      .where('l.return_id = :id', { id: r.id })
      .orderBy('l.position')
      .getRawMany<{ productId: string; quantity: number }>(),
  );
  const answer = (await callService(ctx, 'catalog', RETURN_STOCK, { reference: returnStockReference(r.id), lines: rows })).returnStock;
  // a product deleted since the order can take no units back: the refund stands, the receipt goes on
  if (!answer.success) ctx.log.warn({ returnId: r.id, userErrors: answer.userErrors }, 'returned units not put back in stock');
  const stockReturnedAt = ctx.deps.now();
  await ctx.db.write((m) => m.update(ReturnRequestEntity, { id: r.id }, { stockReturnedAt }));
  r.stockReturnedAt = stockReturnedAt;
}

/**
 * The return RECEIVED (return.updated), the claim given up; the order REFUNDED once every unit it
 * had is in a received return. In one transaction under the order's and the return's locks.
 */
async function finishReceipt(ctx: OrdersContext, r: ReturnRequestEntity): Promise<ReturnRequestEntity> {
  return ctx.db.write(async (m) => {
    const order = await m.findOneOrFail(OrderEntity, { where: { id: r.orderId }, lock: { mode: 'pessimistic_write' } });
    const current = await m.findOneOrFail(ReturnRequestEntity, { where: { id: r.id }, lock: { mode: 'pessimistic_write' } });
    if (current.status !== ReturnStatus.APPROVED) return current;
    await m.update(ReturnRequestEntity, { id: r.id }, { status: ReturnStatus.RECEIVED, claimedUntil: null });
    const received = await m.findOneByOrFail(ReturnRequestEntity, { id: r.id });
    await publishReturnUpdated(m, received, order, ReturnStatus.RECEIVED);
    const back = await unitsInReturns(m, order.id, [ReturnStatus.RECEIVED, ReturnStatus.REFUNDED]);
    const lines = await m.find(OrderLineEntity, { where: { orderId: order.id } });
    if (order.status === OrderStatus.DELIVERED && lines.every((l) => (back.get(l.id) ?? 0) >= l.quantity)) {
      await recordStatus(m, order.id, OrderStatus.REFUNDED, 'Every item was returned and refunded');
    }
    return received;
  });
}

/**
 * Drives a claimed receipt: the refund (payments, key return:<id>:refund), then the stock return
 * (catalog, reference return:<id>), then RECEIVED. Each step is recorded when it is done and is
 * idempotent on the other side, so a receipt cut off anywhere is resumed by a repeat of the
 * request or by the reconcile job and refunds and restocks exactly once. A call that fails gives up
 * the claim and answers RETURN_IN_PROGRESS.
 */
export async function driveReceipt(ctx: OrdersContext, r: ReturnRequestEntity): Promise<ReturnResult> {
  try {
    const refused = await refundStep(ctx, r);
    if (refused) return refused;
    await stockStep(ctx, r);
    return { returnRequest: await finishReceipt(ctx, r), userErrors: [] };
  } catch (error) {
    ctx.log.warn({ err: error, returnId: r.id }, 'return receipt not finished yet');
    return inProgress(await release(ctx, r.id), 'payments or catalog did not answer');
  }
}

/** APPROVED → RECEIVED: refunds the lines and returns their units to stock, exactly once. */
export async function receiveReturn(ctx: OrdersContext, returnId: string): Promise<ReturnResult> {
  const claim = await claimReceipt(ctx, returnId);
  if (!('claimed' in claim)) return claim;
  return driveReceipt(ctx, claim.claimed);
}

