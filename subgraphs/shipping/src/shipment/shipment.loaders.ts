import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import type { ShipmentEventRow, ShipmentRow } from './shipment-row';
import { ShipmentEntity, ShipmentEventEntity } from './shipment.entities';

/** One statement per batch. */
export function shipmentLoaders(db: RequestDb) {
  return {
    shipmentById: rowLoader(
      (ids: readonly string[]): Promise<ShipmentRow[]> => db.read((m) => m.findBy(ShipmentEntity, { id: In([...ids]) })),
      (s) => s.id,
    ),
    /** An order's shipments, oldest first. */
    shipmentsByOrderId: groupLoader(
      (ids: readonly string[]): Promise<ShipmentRow[]> => db.read((m) => m.find(ShipmentEntity, { where: { orderId: In([...ids]) }, order: { seq: 'ASC' } })),
      (s) => s.orderId,
    ),
    /** A shipment's tracking events in the order they happened. */
    eventsByShipmentId: groupLoader(
      (ids: readonly string[]): Promise<ShipmentEventRow[]> =>
        db.read((m) => m.find(ShipmentEventEntity, { where: { shipmentId: In([...ids]) }, order: { occurredAt: 'ASC', id: 'ASC' } })),
      (e) => e.shipmentId,
    ),
  };
}
