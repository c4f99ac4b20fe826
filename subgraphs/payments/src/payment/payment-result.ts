import { userError, type UserError } from '../../../../platform/graphql/types';
import type { Unavailable } from '../provider/provider-call';
import { PaymentError } from './payment.errors';
import type { PaymentEntity } from './payment.entity';
import { PaymentStatus } from './payment-status';

export interface PaymentResult {
  payment: PaymentEntity | null;
  declineCode: string | null;
  userErrors: UserError[];
}

/** The decline code recorded when the provider says it never received an operation. */
export const NOT_RECEIVED = 'provider_not_reached';
/** The provider's decline code for a token it did not issue. */
export const INVALID_TOKEN = 'invalid_token';

export const failed = (...userErrors: UserError[]): PaymentResult => ({ payment: null, declineCode: null, userErrors });
export const succeeded = (payment: PaymentEntity): PaymentResult => ({ payment, declineCode: null, userErrors: [] });

export const unavailableError = (what: string) =>
  userError(PaymentError.PROVIDER_UNAVAILABLE, `The payment provider did not confirm the ${what}: repeat the call with the same idempotencyKey, or reconcile`);

/** The userError of a declined operation, from the provider's code (the same words when the call is repeated). */
export function declineError(declineCode: string, field: string | null = null): UserError {
  if (declineCode === NOT_RECEIVED) return userError(PaymentError.PROVIDER_UNAVAILABLE, 'The payment provider never received the request', field);
  if (declineCode === INVALID_TOKEN) return userError(PaymentError.INVALID, 'paymentToken is not a token the payment provider issued', 'paymentToken');
  return userError(PaymentError.PAYMENT_DECLINED, `The payment was declined: ${declineCode.replace(/_/g, ' ')} (${declineCode})`, field);
}

/** The answer an authorization gives, now or when repeated with the same key: the same for the same state. */
export function authorizationResult(payment: PaymentEntity): PaymentResult {
  if (payment.status === PaymentStatus.PENDING) return { payment, declineCode: null, userErrors: [unavailableError('authorization')] };
  if (payment.status === PaymentStatus.FAILED && payment.declineCode) {
    return { payment, declineCode: payment.declineCode, userErrors: [declineError(payment.declineCode)] };
  }
  return succeeded(payment);
}

export const isUnavailable = (outcome: { status: string } | null): outcome is Unavailable => outcome?.status === 'unavailable';
