import { typedDocument, ServiceCallError } from '../../../../platform/service-client/service-client';
import type { UserError } from '../../../../platform/graphql/types';
import type { ShippingContext } from '../context';
import type { ShipmentRow } from '../shipment/shipment-row';

type Moved = { status: string | null; userErrors: UserError[] };

const MARK_ORDER_SHIPPED = typedDocument<{ markOrderShipped: Moved }, { orderId: string; carrier: string; trackingNumber: string | null }>(
  `mutation MarkOrderShipped($orderId: ID!, $carrier: String!, $trackingNumber: String) { markOrderShipped(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) { status userErrors { field message code } } }`,
);
const MARK_ORDER_DELIVERED = typedDocument<{ markOrderDelivered: Moved }, { orderId: string; carrier: string }>(
  `mutation MarkOrderDelivered($orderId: ID!, $carrier: String!) { markOrderDelivered(orderId: $orderId, carrier: $carrier) { status userErrors { field message code } } }`,
);

/**
 * Tells orders at once that a committed shipment was created (the order becomes SHIPPED) or
 * delivered (DELIVERED), through its internal operations, so the staff member's answer shows the
 * order's new status. Both moves are idempotent, so the call is retried within
 * SHIPPING_ORDERS_TIMEOUT_MS; when orders does not answer, the shipment still stands and the
 * shipment.created / shipment.delivered event (outbox, in the shipment's transaction) moves the order later.
 */
async function tell(ctx: ShippingContext, what: string, shipment: ShipmentRow, run: () => Promise<Moved>): Promise<void> {
  try {
    const moved = await run();
    if (moved.userErrors.length) ctx.log.warn({ orderId: shipment.orderId, shipmentId: shipment.id, userErrors: moved.userErrors }, `orders refused ${what}`);
  } catch (error) {
    if (!(error instanceof ServiceCallError)) throw error;
    ctx.log.warn({ orderId: shipment.orderId, shipmentId: shipment.id, err: error.message }, `orders did not take ${what}: the shipment event will move the order`);
  }
}

const options = (ctx: ShippingContext) => ({ idempotent: true, timeoutMs: ctx.deps.config.ordersTimeoutMs });

export const tellOrderShipped = (ctx: ShippingContext, shipment: ShipmentRow) =>
  tell(ctx, 'the shipment', shipment, async () =>
    (await ctx.deps.services.call(ctx, 'orders', MARK_ORDER_SHIPPED, { orderId: shipment.orderId, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber }, options(ctx))).markOrderShipped,
  );

export const tellOrderDelivered = (ctx: ShippingContext, shipment: ShipmentRow) =>
  tell(ctx, 'the delivery', shipment, async () =>
    (await ctx.deps.services.call(ctx, 'orders', MARK_ORDER_DELIVERED, { orderId: shipment.orderId, carrier: shipment.carrier }, options(ctx))).markOrderDelivered,
  );
