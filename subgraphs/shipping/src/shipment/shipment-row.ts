import type { ShipmentStatus } from './shipment-status';

/** A shipment as resolvers see it (ShipmentEntity has these and more). */
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
