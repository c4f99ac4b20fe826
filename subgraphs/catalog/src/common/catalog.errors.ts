/** The userErrors codes of the catalog's mutations. */
export enum CatalogError {
  /** A field is out of range or badly formed. */
  INVALID = 'INVALID',
  /** The id, slug or reference names nothing (or nothing the caller may see). */
  NOT_FOUND = 'NOT_FOUND',
  /** The slug or SKU is already used by another product or category. */
  TAKEN = 'TAKEN',
  /** The change would leave on-hand stock below zero or below what is reserved. */
  INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK',
  /** Not enough available stock for a reservation line. */
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  /** The product exists but is not ACTIVE, so it cannot be reserved or reviewed. */
  PRODUCT_UNAVAILABLE = 'PRODUCT_UNAVAILABLE',
  /** The customer has already reviewed this product. */
  ALREADY_REVIEWED = 'ALREADY_REVIEWED',
  /** The reservation is no longer held (released or expired), so it cannot be committed. */
  RESERVATION_NOT_HELD = 'RESERVATION_NOT_HELD',
}
