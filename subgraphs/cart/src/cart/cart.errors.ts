import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the cart's mutations (INVALID: a quantity, a list or a limit out of range; NOT_FOUND: a cart or line the caller may not see). */
export const CartError = {
  ...CommonError,
  /** The product is unknown or not ACTIVE (not for sale). */
  PRODUCT_NOT_FOUND: 'PRODUCT_NOT_FOUND',
  /** More units than are available to buy now. */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** The cart was MERGED or CONVERTED: it can no longer change. */
  CART_NOT_ACTIVE: 'CART_NOT_ACTIVE',
  /** A discount code is unknown, not started, expired, used up, or the cart is below its minimum subtotal. */
  DISCOUNT_CODE_INVALID: 'DISCOUNT_CODE_INVALID',
} as const;
export type CartError = ErrorCode<typeof CartError>;
