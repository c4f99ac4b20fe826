import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';
import { PaymentError } from '../payment/payment.errors';

/**
 * The userErrors codes of refunds: those of payments plus PAYMENT_NOT_CAPTURED (nothing was
 * charged) and REFUND_EXCEEDS_CAPTURED (the refunds would exceed what was captured).
 */
export const RefundError = {
  ...CommonError,
  ...PaymentError,
  PAYMENT_NOT_CAPTURED: 'PAYMENT_NOT_CAPTURED',
  REFUND_EXCEEDS_CAPTURED: 'REFUND_EXCEEDS_CAPTURED',
} as const;
export type RefundError = ErrorCode<typeof RefundError>;
