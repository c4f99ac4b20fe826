import type { EntityManager } from 'typeorm';
import { userError } from '../../../../platform/graphql/types';
import type { PaymentsContext } from '../context';
import { providerKey } from '../provider/payment-provider';
import { askProvider } from './ask-provider';
import { PaymentError } from './payment.errors';
import { PaymentEntity } from './payment.entity';
import { declineError, failed, succeeded, unavailableError, type PaymentResult } from './payment-result';
import { PaymentStatus, wasCaptured } from './payment-status';
import { findPayment, keyProblem, paymentNotFound, refProblem, type PaymentRef } from './payment-store';
import { reconcileLocked } from './reconcile.service';

type Operation = 'capture' | 'void';

/**
 * Charges the authorized amount (AUTHORIZED → CAPTURED). Idempotent: a captured payment is
 * returned as it is; a capture whose answer was lost is repeated with its first key.
 */
export function capturePayment(ctx: PaymentsContext, ref: PaymentRef, idempotencyKey: string): Promise<PaymentResult> {
  return settle(ctx, ref, idempotencyKey, 'capture');
}

/**
 * Releases the hold (AUTHORIZED → VOIDED): nothing is charged. Idempotent; a FAILED or VOIDED
 * payment is returned unchanged (nothing to release), a captured one is INVALID (refund it instead).
 */
export function voidPayment(ctx: PaymentsContext, ref: PaymentRef, idempotencyKey: string): Promise<PaymentResult> {
  return settle(ctx, ref, idempotencyKey, 'void');
}

/** The answer for a payment that is past the operation already, or null when the operation must run. */
function done(payment: PaymentEntity, operation: Operation): PaymentResult | null {
  if (operation === 'capture') {
    if (wasCaptured(payment.status)) return succeeded(payment);
    if (payment.status !== PaymentStatus.AUTHORIZED) return { ...failed(userError(PaymentError.INVALID, `A ${payment.status} payment cannot be captured`)), payment };
    return null;
  }
  if (payment.status === PaymentStatus.VOIDED || payment.status === PaymentStatus.FAILED) return succeeded(payment);
  if (wasCaptured(payment.status)) return { ...failed(userError(PaymentError.INVALID, 'The payment was captured: refund it instead of voiding it')), payment };
  return null;
}

/** The payment is locked for the whole operation, so a capture and a void of it never cross. */
async function settle(ctx: PaymentsContext, ref: PaymentRef, idempotencyKey: string, operation: Operation): Promise<PaymentResult> {
  const problem = refProblem(ref) ?? keyProblem(idempotencyKey);
  if (problem) return failed(problem);
  return ctx.db.write(async (m): Promise<PaymentResult> => {
    let payment = await findPayment(m, ref, true);
    if (!payment) return failed(paymentNotFound());
    if (payment.status === PaymentStatus.PENDING || payment.captureKey || payment.voidKey) payment = await reconcileLocked(ctx, m, payment);
    if (payment.status === PaymentStatus.PENDING) return { ...failed(unavailableError('authorization')), payment };
    return done(payment, operation) ?? run(ctx, m, payment, idempotencyKey, operation);
  });
}

async function run(ctx: PaymentsContext, m: EntityManager, payment: PaymentEntity, key: string, operation: Operation): Promise<PaymentResult> {
  const keyColumn = operation === 'capture' ? 'captureKey' : 'voidKey';
  const request = { authorization: payment.providerReference!, amountCents: payment.amountCents };
  // an earlier call whose answer was lost is repeated with its key: the provider never does it twice
  key = payment[keyColumn] ?? key;
  const idempotencyKey = providerKey(operation, key);
  const outcome = await askProvider(ctx, { operation, idempotencyKey, paymentId: payment.id, request }, (p) => p[operation]({ idempotencyKey, ...request }), m);
  if (outcome.status === 'unavailable') {
    // the key stays on the payment: reconciliation, or the next call, asks the provider about it
    await m.update(PaymentEntity, { id: payment.id }, { [keyColumn]: key });
    return { ...failed(unavailableError(operation === 'capture' ? 'capture' : 'void')), payment: { ...payment, [keyColumn]: key } };
  }
  if (outcome.status === 'declined') return { payment, declineCode: outcome.declineCode, userErrors: [declineError(outcome.declineCode)] };
  const change = operation === 'capture' ? { status: PaymentStatus.CAPTURED, capturedCents: payment.amountCents, captureKey: key } : { status: PaymentStatus.VOIDED, voidKey: key };
  await m.update(PaymentEntity, { id: payment.id }, change);
  return succeeded(await m.findOneByOrFail(PaymentEntity, { id: payment.id }));
}
