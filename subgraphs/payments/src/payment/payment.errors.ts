import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/**
 * The userErrors codes of the payment operations: INVALID, NOT_FOUND, PAYMENT_DECLINED (the
 * provider's reason in the message and in the payload's declineCode), PROVIDER_UNAVAILABLE (no
 * answer: the payment stays PENDING, repeat the call with the same key or reconcile),
 * IDEMPOTENCY_KEY_REUSED (the key was used for a different request).
 */
export const PaymentError = {
  ...CommonError,
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PROVIDER_UNAVAILABLE: 'PROVIDER_UNAVAILABLE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
} as const;
export type PaymentError = ErrorCode<typeof PaymentError>;
