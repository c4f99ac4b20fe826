import type { EntityManager } from 'typeorm';
import type { PaymentsContext } from '../context';
import { providerKey } from '../provider/payment-provider';
import { settleRefund } from '../refund/refund-settle';
import { RefundEntity } from '../refund/refund.entity';
import { RefundStatus } from '../refund/refund-status';
import { askProvider } from './ask-provider';
import { applyAuthorization } from './authorize.service';
import { PaymentEntity } from './payment.entity';
import { authorizationResult, failed, type PaymentResult } from './payment-result';
import { PaymentStatus } from './payment-status';
import { findPayment, paymentNotFound } from './payment-store';

/** Asks the provider about one operation by its key (logged as a `lookup` call). */
function lookup(ctx: PaymentsContext, m: EntityManager, paymentId: string, key: string, refundId?: string) {
  return askProvider(ctx, { operation: 'lookup', idempotencyKey: key, paymentId, refundId, request: { idempotencyKey: key } }, (p) => p.lookup(key), m);
}

/**
 * Brings a locked payment up to date with the provider's ledger wherever the local state is unknown:
 * a PENDING authorization, a capture or void whose answer was lost. Returns the payment as it is now.
 */
export async function reconcileLocked(ctx: PaymentsContext, m: EntityManager, payment: PaymentEntity): Promise<PaymentEntity> {
  if (payment.status === PaymentStatus.PENDING) {
    const outcome = await lookup(ctx, m, payment.id, providerKey('authorize', payment.authorizeKey));
    return applyAuthorization(m, payment.id, outcome);
  }
  for (const [operation, key] of [['capture', payment.captureKey], ['void', payment.voidKey]] as const) {
    if (!key || payment.status !== PaymentStatus.AUTHORIZED) continue;
    const outcome = await lookup(ctx, m, payment.id, providerKey(operation, key));
    if (outcome?.status === 'unavailable') continue;
    const keyColumn = operation === 'capture' ? 'captureKey' : 'voidKey';
    if (outcome?.status === 'succeeded') {
      const change = operation === 'capture' ? { status: PaymentStatus.CAPTURED, capturedCents: payment.amountCents } : { status: PaymentStatus.VOIDED };
      await m.update(PaymentEntity, { id: payment.id }, change);
    } else {
      // declined, or never received: the operation did not happen; a new call may try again
      await m.update(PaymentEntity, { id: payment.id }, { [keyColumn]: null });
    }
    payment = await m.findOneByOrFail(PaymentEntity, { id: payment.id });
  }
  return payment;
}

/**
 * The order's payment brought up to date with the provider: its authorization, capture or void
 * and its PENDING refunds, each looked up by key where the local state is unknown.
 */
export async function reconcilePayment(ctx: PaymentsContext, orderId: string): Promise<PaymentResult> {
  const result = await ctx.db.write(async (m) => {
    let payment = await findPayment(m, { orderId }, true);
    if (!payment) return null;
    payment = await reconcileLocked(ctx, m, payment);
    const pending = await m.find(RefundEntity, { where: { paymentId: payment.id, status: RefundStatus.PENDING }, order: { createdAt: 'ASC' } });
    for (const refund of pending) {
      const outcome = await lookup(ctx, m, payment.id, providerKey('refund', refund.idempotencyKey), refund.id);
      payment = (await settleRefund(m, payment, refund, outcome)).payment;
    }
    return payment;
  });
  if (!result) return failed(paymentNotFound('orderId'));
  ctx.loaders.refundsByPayment.clear(result.id);
  return authorizationResult(result);
}
