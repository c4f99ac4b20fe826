import { registerEnumType } from 'type-graphql';

export enum ShipmentStatus {
  PENDING = 'PENDING',
  LABEL_CREATED = 'LABEL_CREATED',
  IN_TRANSIT = 'IN_TRANSIT',
  OUT_FOR_DELIVERY = 'OUT_FOR_DELIVERY',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  RETURNED = 'RETURNED',
}

registerEnumType(ShipmentStatus, {
  name: 'ShipmentStatus',
  description: 'Where a shipment is. A shipment starts LABEL_CREATED; tracking events move it on (see addTrackingEvent for the allowed moves).',
  valuesConfig: {
    PENDING: { description: 'Not yet handed to the carrier (not used once a label exists).' },
    LABEL_CREATED: { description: 'The carrier\'s label exists; the parcel has not been picked up yet.' },
    IN_TRANSIT: { description: 'With the carrier, on its way.' },
    OUT_FOR_DELIVERY: { description: 'On the vehicle that delivers it today.' },
    DELIVERED: { description: 'Handed to the recipient. Only RETURNED may follow.' },
    FAILED: { description: 'A delivery attempt failed or the parcel is held; it may go on (IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED) or go back (RETURNED).' },
    RETURNED: { description: 'Back with the sender. Final: no event may follow.' },
  },
});

/** The forward path of a parcel: an event may stay at the same step (another scan) or skip ahead, never go back. */
const PATH = [ShipmentStatus.PENDING, ShipmentStatus.LABEL_CREATED, ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED];

/**
 * Whether a tracking event with status `next` may follow the shipment's `current` status:
 * - along PATH, forward or at the same step (IN_TRANSIT scans at several hubs); never back;
 * - FAILED from any step before DELIVERED, and again after FAILED;
 * - after FAILED: IN_TRANSIT, OUT_FOR_DELIVERY or DELIVERED (a new attempt), or RETURNED;
 * - after DELIVERED only RETURNED; after RETURNED nothing;
 * - RETURNED from any step once the carrier has it (not from PENDING).
 */
export function canMove(current: ShipmentStatus, next: ShipmentStatus): boolean {
  if (current === ShipmentStatus.RETURNED) return false;
  if (next === ShipmentStatus.RETURNED) return current !== ShipmentStatus.PENDING;
  if (current === ShipmentStatus.DELIVERED) return false;
  if (next === ShipmentStatus.FAILED) return true;
  if (current === ShipmentStatus.FAILED) return [ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED].includes(next);
  if (next === ShipmentStatus.DELIVERED) return true;
  return PATH.indexOf(next) >= PATH.indexOf(current) && next !== ShipmentStatus.PENDING;
}
