import { applyOncePerJob } from '../../../../platform/queue/consumer';
import type { EventPayloads } from '../../../../platform/queue/events';
import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { deliveredNote, followShipment, shippedNote, type ShipmentMove } from './order-shipping';
import { OrderStatus } from './order-status';

const CONSUMER = 'orders';

/** Moves the order once per event (shipping's call usually moved it already: then nothing changes). */
async function follow(ctx: OrdersContext, orderId: string, to: ShipmentMove, note: string): Promise<boolean> {
  if (!isUuid(orderId)) {
    ctx.log.warn({ orderId }, 'shipment event without a valid order id: ignored');
    return false;
  }
  return applyOncePerJob(ctx, CONSUMER, async (m) => {
    await followShipment(m, orderId, to, note);
  });
}

/** A shipment was created: the order SHIPPED. */
export const onShipmentCreated = (ctx: OrdersContext, e: EventPayloads['shipment.created']) => follow(ctx, e.orderId, OrderStatus.SHIPPED, shippedNote(e.carrier, e.trackingNumber));

/** A shipment was delivered: the order DELIVERED. */
export const onShipmentDelivered = (ctx: OrdersContext, e: EventPayloads['shipment.delivered']) => follow(ctx, e.orderId, OrderStatus.DELIVERED, deliveredNote(e.carrier));
