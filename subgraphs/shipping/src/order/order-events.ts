import { sql } from '../../../../platform/db/sql';
import { applyOncePerJob } from '../../../../platform/queue/consumer';
import type { EventPayloads } from '../../../../platform/queue/events';
import { isUuid } from '../../../../platform/validation';
import type { ShippingContext } from '../context';
import { ORDER_CANCELLED, ORDER_CONFIRMED } from './order-ref';

export const CONSUMER = 'shipping';

/**
 * An order was confirmed: it may ship, and shipping remembers whom to notify. A cancellation that
 * arrived first (events of one order may be delivered out of order) stays a cancellation.
 */
export async function onOrderConfirmed(ctx: ShippingContext, event: EventPayloads['order.confirmed']): Promise<boolean> {
  if (!isUuid(event.orderId)) {
    ctx.log.warn({ orderId: event.orderId }, 'order.confirmed without a valid order id: ignored');
    return false;
  }
  return applyOncePerJob(ctx, CONSUMER, async (m) => {
    await sql(
      m,
      `INSERT INTO order_refs (order_id, user_id, email, phone, status) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO UPDATE SET user_id = EXCLUDED.user_id, email = EXCLUDED.email, phone = EXCLUDED.phone,
         status = CASE WHEN order_refs.status = '${ORDER_CANCELLED}' THEN order_refs.status ELSE EXCLUDED.status END, updated_at = now()`,
      [event.orderId.toLowerCase(), isUuid(event.userId) ? event.userId : null, event.email, event.phone ?? null, ORDER_CONFIRMED],
    );
  });
}

/** An order was cancelled: it can no longer ship (shipments already made stay). */
export async function onOrderCancelled(ctx: ShippingContext, event: EventPayloads['order.cancelled']): Promise<boolean> {
  if (!isUuid(event.orderId)) {
    ctx.log.warn({ orderId: event.orderId }, 'order.cancelled without a valid order id: ignored');
    return false;
  }
  return applyOncePerJob(ctx, CONSUMER, async (m) => {
    await sql(
      m,
      `INSERT INTO order_refs (order_id, user_id, email, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      [event.orderId.toLowerCase(), isUuid(event.userId) ? event.userId : null, event.email, ORDER_CANCELLED],
    );
  });
}
