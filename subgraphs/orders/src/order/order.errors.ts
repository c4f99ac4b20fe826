import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/**
 * The userErrors codes of order operations: INVALID, NOT_FOUND, ORDER_NOT_CANCELLABLE (it shipped,
 * or was cancelled already), PAYMENT_NOT_REVERSED (the payment could not be voided or refunded:
 * nothing changed, try again).
 */
export const OrderError = {
  ...CommonError,
  ORDER_NOT_CANCELLABLE: 'ORDER_NOT_CANCELLABLE',
  PAYMENT_NOT_REVERSED: 'PAYMENT_NOT_REVERSED',
} as const;
export type OrderError = ErrorCode<typeof OrderError>;
