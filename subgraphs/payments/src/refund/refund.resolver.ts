import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { ServiceOnly, Staff } from '../../../../platform/graphql/authorization';
import { DecimalScalar } from '../../../../platform/graphql/scalars';
import type { PaymentsContext } from '../context';
import { PAYMENT_CALLERS } from '../payment/payment.resolver';
import { INTERNAL } from '../payment/payment.payloads';
import { toPayment } from '../payment/payment.type';
import { RefundPaymentInput } from './refund.inputs';
import { RefundPaymentPayload } from './refund.payloads';
import { refundPayment, type RefundResult } from './refund.service';
import { toRefund } from './refund.type';

const payload = (r: RefundResult): RefundPaymentPayload =>
  Object.assign(new RefundPaymentPayload(), { refund: r.refund && toRefund(r.refund), payment: r.payment && toPayment(r.payment), userErrors: r.userErrors });

@Resolver()
export class RefundResolver {
  @Staff()
  @Mutation(() => RefundPaymentPayload, {
    description:
      'Gives money back from a captured payment, in part or in full; the refunds of a payment never exceed what was captured. Idempotent by idempotencyKey. Staff only. ' +
      'userErrors: INVALID, NOT_FOUND, PAYMENT_NOT_CAPTURED, REFUND_EXCEEDS_CAPTURED, IDEMPOTENCY_KEY_REUSED, PAYMENT_DECLINED, PROVIDER_UNAVAILABLE.',
  })
  async refundPayment(@Arg('input', () => RefundPaymentInput, { description: 'Which payment, how much, why, and the idempotency key.' }) input: RefundPaymentInput, @Ctx() ctx: PaymentsContext): Promise<RefundPaymentPayload> {
    return payload(await refundPayment(ctx, input, 'input.'));
  }

  @ServiceOnly(...PAYMENT_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => RefundPaymentPayload, {
    description:
      "Internal. Refunds the order's latest payment, in part (amount) or all that is left (no amount): cancellations and returns. Idempotent by idempotencyKey. " +
      'userErrors: as refundPayment.',
  })
  async refundOrderPayment(
    @Arg('orderId', () => ID, { description: 'The order.' }) orderId: string,
    @Arg('amount', () => DecimalScalar, { nullable: true, description: 'How much; absent: everything captured and not refunded yet.' }) amount: string | null,
    @Arg('reason', () => String, { nullable: true, description: 'Why, at most 500 characters.' }) reason: string | null,
    @Arg('idempotencyKey', { description: 'Unique per refund, 1 to 200 characters.' }) idempotencyKey: string,
    @Ctx() ctx: PaymentsContext,
  ): Promise<RefundPaymentPayload> {
    return payload(await refundPayment(ctx, { orderId, amount, reason, idempotencyKey }));
  }
}
