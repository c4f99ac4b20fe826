import type { EntityManager } from 'typeorm';
import type { ShipmentEventBase } from '../../../../platform/queue/events';
import { publish } from '../../../../platform/queue/outbox';
import { OrderRefEntity } from '../order/order-ref.entity';
import type { ShipmentRow } from './shipment-row';

function facts(s: ShipmentRow): ShipmentEventBase {
  return { shipmentId: s.id, orderId: s.orderId, carrier: s.carrier, trackingNumber: s.trackingNumber, status: s.status, estimatedDelivery: s.estimatedDelivery };
}

/** The customer's mail and text message (users subgraph), from what shipping knows of the order. */
async function notifyCustomer(m: EntityManager, s: ShipmentRow): Promise<void> {
  const order = await m.findOneBy(OrderRefEntity, { orderId: s.orderId });
  if (!order) return;
  await publish(m, 'shipment.updated', { ...facts(s), userId: order.userId, email: order.email, phone: order.phone });
}

/** In the transaction that created the shipment. */
export async function shipmentCreated(m: EntityManager, s: ShipmentRow): Promise<void> {
  await publish(m, 'shipment.created', facts(s));
  await notifyCustomer(m, s);
}

/** In the transaction of the tracking event that changed the status; `delivered` once, on the first DELIVERED. */
export async function shipmentStatusChanged(m: EntityManager, s: ShipmentRow, previousStatus: string, occurredAt: Date): Promise<void> {
  await publish(m, 'shipment.status-changed', { ...facts(s), previousStatus, occurredAt: occurredAt.toISOString() });
  if (s.status === 'DELIVERED' && s.deliveredAt) await publish(m, 'shipment.delivered', { ...facts(s), deliveredAt: s.deliveredAt.toISOString() });
  await notifyCustomer(m, s);
}
