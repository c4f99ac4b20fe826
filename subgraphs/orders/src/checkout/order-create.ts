import type { EntityManager } from 'typeorm';
import { sqlOne } from '../../../../platform/db/sql';
import { OrderEntity, OrderLineEntity, OrderStatusEntryEntity } from '../order/order.entity';
import { OrderStatus } from '../order/order-status';
import type { CheckoutPlan } from './checkout-plan';

/** ORD-2026-000123: the year and the next number of the sequence (unique; gaps are possible). */
export async function nextOrderNumber(m: EntityManager, now: Date): Promise<string> {
  const row = await sqlOne<{ n: string }>(m, `SELECT nextval('order_number_seq')::text AS n`);
  return `ORD-${now.getUTCFullYear()}-${row!.n.padStart(6, '0')}`;
}

/** The PENDING order of a plan, its line snapshots and its first history entry, in `m`. Once per order id. */
export async function createPendingOrder(m: EntityManager, plan: CheckoutPlan, now: Date): Promise<void> {
  if (await m.existsBy(OrderEntity, { id: plan.orderId })) return;
  const t = plan.totals;
  await m.insert(OrderEntity, {
    id: plan.orderId,
    orderNumber: await nextOrderNumber(m, now),
    userId: plan.userId,
    email: plan.email,
    phone: null,
    status: OrderStatus.PENDING,
    currencyCode: plan.currencyCode,
    subtotalCents: t.subtotalCents,
    discountCents: t.discountCents,
    shippingCents: t.shippingCents,
    taxCents: t.taxCents,
    totalCents: t.totalCents,
    shippingAddress: plan.shippingAddress,
    billingAddress: plan.billingAddress,
    shippingMethodId: plan.shippingMethodId,
    cartId: plan.cartId,
    note: plan.note,
  });
  await m.insert(
    OrderLineEntity,
    plan.lines.map((l, position) => ({ orderId: plan.orderId, position, productId: l.productId, productName: l.productName, sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
  );
  await m.insert(OrderStatusEntryEntity, { orderId: plan.orderId, status: OrderStatus.PENDING, note: 'Order placed' });
}
