import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/**
 * The userErrors codes of checkout: INVALID, NOT_FOUND (the cart, or the saved address),
 * CART_NOT_ACTIVE (converted or merged, or checked out with another key: running or done),
 * CART_EMPTY, PRODUCT_UNAVAILABLE, OUT_OF_STOCK, SHIPPING_METHOD_UNAVAILABLE (not among the rates for the address), DISCOUNT_CODE_INVALID,
 * PAYMENT_DECLINED, PAYMENT_UNAVAILABLE (the provider did not answer: the checkout is finished in
 * the background), IDEMPOTENCY_KEY_REUSED (the key was used for another request),
 * IDEMPOTENCY_KEY_IN_USE (a checkout with this key is still running), CHECKOUT_FAILED.
 */
export const CheckoutError = {
  ...CommonError,
  CART_NOT_ACTIVE: 'CART_NOT_ACTIVE',
  CART_EMPTY: 'CART_EMPTY',
  PRODUCT_UNAVAILABLE: 'PRODUCT_UNAVAILABLE',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  SHIPPING_METHOD_UNAVAILABLE: 'SHIPPING_METHOD_UNAVAILABLE',
  DISCOUNT_CODE_INVALID: 'DISCOUNT_CODE_INVALID',
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PAYMENT_UNAVAILABLE: 'PAYMENT_UNAVAILABLE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_USE: 'IDEMPOTENCY_KEY_IN_USE',
  CHECKOUT_FAILED: 'CHECKOUT_FAILED',
} as const;
export type CheckoutError = ErrorCode<typeof CheckoutError>;
