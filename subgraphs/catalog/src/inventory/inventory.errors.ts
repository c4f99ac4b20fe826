import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of stock adjustments and reservations. */
export const InventoryError = {
  ...CommonError,
  /** The change would leave on-hand stock below zero or below what is reserved. */
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  /** Not enough available stock for a reservation line. */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** The product exists but is not ACTIVE, so it cannot be reserved. */
  PRODUCT_UNAVAILABLE: 'PRODUCT_UNAVAILABLE',
  /** The reservation is no longer held (released or expired), so it cannot be committed. */
  RESERVATION_NOT_HELD: 'RESERVATION_NOT_HELD',
  /** The reference already names a reservation of other lines (a reference is one checkout's). */
  RESERVATION_REFERENCE_REUSED: 'RESERVATION_REFERENCE_REUSED',
} as const;
export type InventoryError = ErrorCode<typeof InventoryError>;
