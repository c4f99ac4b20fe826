import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the discount operations (TAKEN: another discount code already has this code, compared case-insensitively). */
export const DiscountError = {
  ...CommonError,
  /** A code of the cart cannot be redeemed (unknown, expired, used up, below its minimum…). */
  DISCOUNT_CODE_INVALID: 'DISCOUNT_CODE_INVALID',
} as const;
export type DiscountError = ErrorCode<typeof DiscountError>;
