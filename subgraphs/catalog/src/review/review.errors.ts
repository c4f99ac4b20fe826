import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the review mutations. */
export const ReviewError = {
  ...CommonError,
  /** The customer has already reviewed this product. */
  ALREADY_REVIEWED: 'ALREADY_REVIEWED',
} as const;
export type ReviewError = ErrorCode<typeof ReviewError>;
