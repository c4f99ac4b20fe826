import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { paymentKey } from '../checkout/checkout-saga';
import { callService } from '../common/call';
import { PAYMENT_FOR_ORDER, REFUND_ORDER_PAYMENT, RELEASE_DISCOUNT_CODES, RELEASE_RESERVATION, VOID_PAYMENT } from '../common/remote-operations';
import type { OrdersContext } from '../context';
import { canRead } from '../order/order-access';
import { OrderEntity } from '../order/order.entity';
import { OrderError } from '../order/order.errors';
import { cancelOrderRecord } from '../order/order-state';
import { CANCELLABLE } from '../order/order-status';

export interface CancelResult {
  order: OrderEntity | null;
  userErrors: UserError[];
}

const notCancellable = (order: OrderEntity): CancelResult => ({
  order,
  userErrors: [userError(OrderError.ORDER_NOT_CANCELLABLE, `The order is ${order.status.toLowerCase()}: only orders that have not shipped can be cancelled`, 'id')],
});

/** Voids the payment, or refunds what was captured; the userError when the provider refused or did not answer. */
async function reversePayment(ctx: OrdersContext, orderId: string, reason: string | null): Promise<UserError | null> {
  const { paymentForOrder: payment } = await callService(ctx, 'payments', PAYMENT_FOR_ORDER, { orderId });
  if (!payment) return null;
  let errors: UserError[] = [];
  if (payment.status === 'CAPTURED' || payment.status === 'PARTIALLY_REFUNDED') {
    errors = (await callService(ctx, 'payments', REFUND_ORDER_PAYMENT, { orderId, reason: reason ?? 'order cancelled', idempotencyKey: paymentKey(orderId, 'refund') })).refundOrderPayment.userErrors;
  } else if (payment.status === 'AUTHORIZED' || payment.status === 'PENDING') {
    errors = (await callService(ctx, 'payments', VOID_PAYMENT, { orderId, idempotencyKey: paymentKey(orderId, 'void') })).voidPayment.userErrors;
  }
  return errors.length ? userError(OrderError.PAYMENT_NOT_REVERSED, `The payment could not be reversed: ${errors[0].message}`, 'id') : null;
}

/**
 * Cancels an order that has not shipped: the payment is voided or refunded first (nothing changes
 * when that fails), then the order becomes CANCELLED (order.cancelled: shipping stops it), the stock
 * goes back and the discount uses are released. Customers cancel their own orders, staff any.
 */
export async function cancelOrder(ctx: OrdersContext, id: string, reason: string | null): Promise<CancelResult> {
  const orderId = isUuid(id) ? id.toLowerCase() : null;
  const order = orderId ? await ctx.db.readPrimary((m) => m.findOneBy(OrderEntity, { id: orderId })) : null;
  if (!order || !canRead(ctx, order)) return { order: null, userErrors: [userError(OrderError.NOT_FOUND, 'No such order of yours', 'id')] };
  if (!CANCELLABLE.includes(order.status)) return notCancellable(order);
  const note = reason?.trim().slice(0, 500) || null;

  const refused = await reversePayment(ctx, order.id, note);
  if (refused) return { order, userErrors: [refused] };

  const cancelled = await ctx.db.write(async (m) => {
    const current = await m.findOneOrFail(OrderEntity, { where: { id: order.id }, lock: { mode: 'pessimistic_write' } });
    if (!CANCELLABLE.includes(current.status)) return notCancellable(current);
    await cancelOrderRecord(m, current, note ?? 'Cancelled');
    return null;
  });
  if (cancelled) return cancelled;
  await Promise.all([
    callService(ctx, 'catalog', RELEASE_RESERVATION, { reference: order.id, reason: 'order cancelled' }),
    callService(ctx, 'cart', RELEASE_DISCOUNT_CODES, { reference: order.id }),
  ]);
  return { order: await ctx.db.readPrimary((m) => m.findOneBy(OrderEntity, { id: order.id })), userErrors: [] };
}
