import { applyOncePerJob } from '../../../../platform/queue/consumer';
import type { EventPayloads } from '../../../../platform/queue/events';
import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { OrderEntity } from './order.entity';
import { recordStatus } from './order-state';
import { DELIVERED_FROM, OrderStatus, SHIPPED_FROM } from './order-status';

const CONSUMER = 'orders';

/** Moves the order to `to` when it is in one of `from` (a late or repeated event changes nothing). */
async function follow(ctx: OrdersContext, orderId: string, to: OrderStatus, from: readonly OrderStatus[], note: string): Promise<boolean> {
  if (!isUuid(orderId)) {
    ctx.log.warn({ orderId }, 'shipment event without a valid order id: ignored');
    return false;
  }
  return applyOncePerJob(ctx, CONSUMER, async (m) => {
    const order = await m.findOne(OrderEntity, { where: { id: orderId.toLowerCase() }, lock: { mode: 'pessimistic_write' } });
    if (!order || !from.includes(order.status)) return;
    await recordStatus(m, order.id, to, note);
  });
}

/** A shipment was created: the order SHIPPED. */
export const onShipmentCreated = (ctx: OrdersContext, e: EventPayloads['shipment.created']) =>
  follow(ctx, e.orderId, OrderStatus.SHIPPED, SHIPPED_FROM, `Shipped with ${e.carrier}${e.trackingNumber ? ` (${e.trackingNumber})` : ''}`);

/** A shipment was delivered: the order DELIVERED. */
export const onShipmentDelivered = (ctx: OrdersContext, e: EventPayloads['shipment.delivered']) =>
  follow(ctx, e.orderId, OrderStatus.DELIVERED, DELIVERED_FROM, `Delivered by ${e.carrier}`);
