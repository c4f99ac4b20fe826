import type { EntityManager } from 'typeorm';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { centsToMoney, positiveCents } from '../common/money';
import type { PaymentsContext } from '../context';
import { askProvider } from '../payment/ask-provider';
import { PaymentEntity } from '../payment/payment.entity';
import { declineError, unavailableError } from '../payment/payment-result';
import { isRefundable, PaymentStatus } from '../payment/payment-status';
import { findPayment, keyProblem, paymentNotFound, refProblem, type PaymentRef } from '../payment/payment-store';
import { providerKey } from '../provider/payment-provider';
import { RefundError } from './refund.errors';
import { RefundEntity } from './refund.entity';
import { settleRefund } from './refund-settle';
import { RefundStatus } from './refund-status';

export interface RefundInput extends PaymentRef {
  /** A decimal string; absent: everything captured and not yet refunded. */
  amount?: string | null;
  reason?: string | null;
  idempotencyKey: string;
}

export interface RefundResult {
  refund: RefundEntity | null;
  payment: PaymentEntity | null;
  userErrors: UserError[];
}

const failed = (...userErrors: UserError[]): RefundResult => ({ refund: null, payment: null, userErrors });

/** The answer a refund gives, now or when repeated with its key. */
function resultOf(payment: PaymentEntity, refund: RefundEntity): RefundResult {
  const userErrors: UserError[] = [];
  if (refund.status === RefundStatus.PENDING) userErrors.push(unavailableError('refund'));
  if (refund.status === RefundStatus.FAILED) userErrors.push(declineError(refund.declineCode ?? 'refund_failed'));
  return { refund, payment, userErrors };
}

function inputProblem(input: RefundInput, field: (name: string) => string): UserError | null {
  const ref = refProblem(input);
  if (ref) return ref;
  if (input.amount != null && positiveCents(input.amount) === null) {
    return userError(RefundError.INVALID, 'amount must be a positive amount with at most 2 decimals, e.g. "19.99"', field('amount'));
  }
  if (input.reason && input.reason.length > 500) return userError(RefundError.INVALID, 'reason has at most 500 characters', field('reason'));
  return keyProblem(input.idempotencyKey, field('idempotencyKey'));
}

/** Refunds PENDING or SUCCEEDED: what may no longer be refunded. */
async function reservedCents(m: EntityManager, paymentId: string): Promise<number> {
  const row = await m
    .createQueryBuilder(RefundEntity, 'r')
    .select('coalesce(sum(r.amount_cents), 0)::bigint', 'total')
    .where('r.payment_id = :paymentId AND r.status IN (:...statuses)', { paymentId, statuses: [RefundStatus.PENDING, RefundStatus.SUCCEEDED] })
    .getRawOne<{ total: string }>();
  return Number(row?.total ?? 0);
}

type Reserved = { payment: PaymentEntity; refund: RefundEntity; fresh: boolean } | RefundResult;

/**
 * Reserves the refund under the payment's row lock (SELECT … FOR UPDATE): concurrent refunds of a
 * payment take turns here, so PENDING and SUCCEEDED refunds together never exceed the captured amount.
 */
async function reserve(ctx: PaymentsContext, input: RefundInput, field: (name: string) => string): Promise<Reserved> {
  const cents = input.amount == null ? null : positiveCents(input.amount)!;
  return ctx.db.write(async (m): Promise<Reserved> => {
    const payment = await findPayment(m, input, true);
    if (!payment) return failed(paymentNotFound(field(input.paymentId ? 'paymentId' : 'orderId')));
    const known = await m.findOneBy(RefundEntity, { idempotencyKey: input.idempotencyKey });
    if (known) {
      if (known.paymentId !== payment.id || (cents !== null && known.amountCents !== cents)) {
        return failed(userError(RefundError.IDEMPOTENCY_KEY_REUSED, 'This idempotencyKey was used for a refund of another payment or amount', field('idempotencyKey')));
      }
      return { payment, refund: known, fresh: false };
    }
    if (!isRefundable(payment.status)) {
      if (payment.status === PaymentStatus.REFUNDED) return failed(userError(RefundError.REFUND_EXCEEDS_CAPTURED, 'The payment is refunded in full already', field('amount')));
      return failed(userError(RefundError.PAYMENT_NOT_CAPTURED, `A ${payment.status} payment has nothing captured to refund`, field(input.paymentId ? 'paymentId' : 'orderId')));
    }
    const left = payment.capturedCents - (await reservedCents(m, payment.id));
    const amountCents = cents ?? left;
    if (amountCents <= 0 || amountCents > left) {
      const leftMoney = centsToMoney(Math.max(left, 0), payment.currencyCode);
      return failed(userError(RefundError.REFUND_EXCEEDS_CAPTURED, `At most ${leftMoney.amount} ${leftMoney.currencyCode} of this payment can still be refunded`, field('amount')));
    }
    const { identifiers } = await m.insert(RefundEntity, {
      paymentId: payment.id,
      amountCents,
      currencyCode: payment.currencyCode,
      status: RefundStatus.PENDING,
      reason: input.reason?.trim() || null,
      idempotencyKey: input.idempotencyKey,
    });
    return { payment, refund: await m.findOneByOrFail(RefundEntity, { id: identifiers[0].id as string }), fresh: true };
  });
}

/**
 * Gives money back from a captured payment, in part (`amount`) or in full (no amount: all that is
 * left). Idempotent by key: the same key and amount return the first result (a PENDING one asks the
 * provider again with the same key); the same key for another payment or amount is IDEMPOTENCY_KEY_REUSED.
 * The provider is called outside the lock, so concurrent refunds of a payment do not wait on its latency.
 */
export async function refundPayment(ctx: PaymentsContext, input: RefundInput, fieldPrefix = ''): Promise<RefundResult> {
  const field = (name: string) => `${fieldPrefix}${name}`;
  const problem = inputProblem(input, field);
  if (problem) return failed(problem);
  let reserved: Reserved;
  try {
    reserved = await reserve(ctx, input, field);
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
    reserved = await reserve(ctx, input, field); // the same key arrived twice at once: now it is known
  }
  if (!('fresh' in reserved)) return reserved;
  const { payment, refund } = reserved;
  if (refund.status !== RefundStatus.PENDING) return resultOf(payment, refund);

  const idempotencyKey = providerKey('refund', refund.idempotencyKey);
  const request = { authorization: payment.providerReference!, amountCents: refund.amountCents, currencyCode: refund.currencyCode };
  const outcome = await askProvider(ctx, { operation: 'refund', idempotencyKey, paymentId: payment.id, refundId: refund.id, request }, (p) =>
    p.refund({ idempotencyKey, ...request }),
  );
  const settled = await ctx.db.write(async (m) => {
    const locked = (await findPayment(m, { paymentId: payment.id }, true))!;
    return settleRefund(m, locked, refund, outcome);
  });
  ctx.loaders.refundsByPayment.clear(payment.id);
  return resultOf(settled.payment, settled.refund);
}
