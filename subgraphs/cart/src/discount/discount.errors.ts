/** The userErrors codes of the discount operations. */
export enum DiscountError {
  /** A field is out of range or badly formed. */
  INVALID = 'INVALID',
  /** Another discount code already has this code (compared case-insensitively). */
  TAKEN = 'TAKEN',
  /** The cart or reference names nothing. */
  NOT_FOUND = 'NOT_FOUND',
  /** A code of the cart cannot be redeemed (unknown, expired, used up, below its minimum…). */
  DISCOUNT_CODE_INVALID = 'DISCOUNT_CODE_INVALID',
}
