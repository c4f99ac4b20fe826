import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import { EVENT_COLUMNS, SHIPMENT_COLUMNS, type ShipmentEventRow, type ShipmentRow } from './shipment-row';

export function shipmentLoaders(db: RequestDb) {
  return {
    shipmentById: rowLoader(
      (ids: readonly string[]) => db.read((m) => m.query(`SELECT ${SHIPMENT_COLUMNS} FROM shipments s WHERE s.id = ANY($1::uuid[])`, [ids])) as Promise<ShipmentRow[]>,
      (s) => s.id,
    ),
    /** An order's shipments, oldest first. */
    shipmentsByOrderId: groupLoader(
      (ids: readonly string[]) =>
        db.read((m) => m.query(`SELECT ${SHIPMENT_COLUMNS} FROM shipments s WHERE s.order_id = ANY($1::uuid[]) ORDER BY s.seq`, [ids])) as Promise<ShipmentRow[]>,
      (s) => s.orderId,
    ),
    /** A shipment's tracking events in the order they happened. */
    eventsByShipmentId: groupLoader(
      (ids: readonly string[]) =>
        db.read((m) => m.query(`SELECT ${EVENT_COLUMNS} FROM shipment_events e WHERE e.shipment_id = ANY($1::uuid[]) ORDER BY e.occurred_at, e.id`, [ids])) as Promise<ShipmentEventRow[]>,
      (e) => e.shipmentId,
    ),
  };
}
