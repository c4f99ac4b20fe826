import type { EntityManager } from 'typeorm';
import { publish } from '../../../../platform/queue/outbox';
import { centsToMoney } from '../common/money';
import { PaymentEntity } from '../payment/payment.entity';
import { isUnavailable, NOT_RECEIVED } from '../payment/payment-result';
import { refundedStatus } from '../payment/payment-status';
import type { ProviderResult } from '../provider/payment-provider';
import type { Unavailable } from '../provider/provider-call';
import { RefundEntity } from './refund.entity';
import { RefundStatus } from './refund-status';

/**
 * Records the provider's answer on a PENDING refund, in the transaction `m` that holds the
 * payment's row lock. SUCCEEDED adds to the payment's refunded amount, moves its status and
 * publishes `refund.issued` (users mails it) when the payment has an e-mail address. No answer
 * leaves it PENDING; null from a lookup (never received) makes it FAILED.
 */
export async function settleRefund(
  m: EntityManager,
  payment: PaymentEntity,
  refund: RefundEntity,
  outcome: ProviderResult | Unavailable | null,
): Promise<{ payment: PaymentEntity; refund: RefundEntity }> {
  if (isUnavailable(outcome)) return { payment, refund };
  const change: Partial<RefundEntity> =
    outcome === null
      ? { status: RefundStatus.FAILED, declineCode: NOT_RECEIVED }
      : outcome.status === 'succeeded'
        ? { status: RefundStatus.SUCCEEDED, providerReference: outcome.reference }
        : { status: RefundStatus.FAILED, providerReference: outcome.reference, declineCode: outcome.declineCode };
  const { affected } = await m.update(RefundEntity, { id: refund.id, status: RefundStatus.PENDING }, change);
  if (affected && change.status === RefundStatus.SUCCEEDED) {
    const refundedCents = payment.refundedCents + refund.amountCents;
    await m.update(PaymentEntity, { id: payment.id }, { refundedCents, status: refundedStatus(payment.capturedCents, refundedCents) });
    if (payment.email) {
      await publish(m, 'refund.issued', {
        refundId: refund.id,
        orderId: payment.orderId,
        userId: payment.userId,
        email: payment.email,
        amount: centsToMoney(refund.amountCents, refund.currencyCode).amount,
        currencyCode: refund.currencyCode,
      });
    }
  }
  return {
    payment: await m.findOneByOrFail(PaymentEntity, { id: payment.id }),
    refund: await m.findOneByOrFail(RefundEntity, { id: refund.id }),
  };
}
