import type { ShipmentStatus } from './shipment-status';

export interface ShipmentRow {
  id: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  status: ShipmentStatus;
  /** YYYY-MM-DD. */
  estimatedDelivery: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShipmentEventRow {
  shipmentId: string;
  status: ShipmentStatus;
  location: string | null;
  description: string | null;
  occurredAt: Date;
}

export const SHIPMENT_COLUMNS = `
  s.id, s.order_id::text AS "orderId", s.carrier, s.tracking_number AS "trackingNumber", s.status,
  to_char(s.estimated_delivery, 'YYYY-MM-DD') AS "estimatedDelivery", s.delivered_at AS "deliveredAt",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
export const EVENT_COLUMNS = `e.shipment_id::text AS "shipmentId", e.status, e.location, e.description, e.occurred_at AS "occurredAt"`;
