import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of createShipment and addTrackingEvent (INVALID, NOT_FOUND: the order or shipment id names nothing shipping knows). */
export const ShipmentError = {
  ...CommonError,
  /** The order is not CONFIRMED or PROCESSING (e.g. cancelled). */
  ORDER_NOT_SHIPPABLE: 'ORDER_NOT_SHIPPABLE',
  /** This carrier already has a shipment with this tracking number. */
  TRACKING_NUMBER_TAKEN: 'TRACKING_NUMBER_TAKEN',
  /** The shipment's status cannot move to the event's status (see ShipmentStatus). */
  INVALID_STATUS_TRANSITION: 'INVALID_STATUS_TRANSITION',
  /** The event is older than the shipment's latest event: events are appended in time order. */
  EVENT_OUT_OF_ORDER: 'EVENT_OUT_OF_ORDER',
} as const;
export type ShipmentError = ErrorCode<typeof ShipmentError>;
