import type { EntityManager } from 'typeorm';
import { publish } from '../../../../platform/queue/outbox';
import { OrderEntity, OrderLineEntity, OrderStatusEntryEntity } from './order.entity';
import { OrderStatus } from './order-status';

/** Moves an order to `status` and records it in the history, in the caller's transaction. */
export async function recordStatus(m: EntityManager, orderId: string, status: OrderStatus, note: string | null = null): Promise<void> {
  await m.update(OrderEntity, { id: orderId }, { status });
  await m.insert(OrderStatusEntryEntity, { orderId, status, note });
}

/** CONFIRMED, and `order.confirmed` for users (the mail, named by the order number), catalog (best sellers) and shipping. */
export async function confirmOrder(m: EntityManager, order: OrderEntity): Promise<void> {
  await recordStatus(m, order.id, OrderStatus.CONFIRMED, 'Payment captured');
  const lines = await m.find(OrderLineEntity, { where: { orderId: order.id }, order: { position: 'ASC' } });
  await publish(m, 'order.confirmed', {
    orderId: order.id,
    orderNumber: order.orderNumber,
    userId: order.userId,
    email: order.email,
    phone: order.phone,
    lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
  });
}

/** CANCELLED with the reason in the history, and `order.cancelled` (shipping stops shipping it, users mails the customer). */
export async function cancelOrderRecord(m: EntityManager, order: Pick<OrderEntity, 'id' | 'orderNumber' | 'userId' | 'email'>, reason: string | null): Promise<void> {
  await recordStatus(m, order.id, OrderStatus.CANCELLED, reason);
  await publish(m, 'order.cancelled', { orderId: order.id, orderNumber: order.orderNumber, userId: order.userId, email: order.email, reason });
}
