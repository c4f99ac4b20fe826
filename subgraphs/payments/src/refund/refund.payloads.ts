import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Payment } from '../payment/payment.type';
import { Refund } from './refund.type';

@ObjectType({ description: 'A refund and its payment after refundPayment.' })
export class RefundPaymentPayload {
  @Field(() => Refund, { nullable: true, description: 'The refund (also when PENDING or FAILED); null when nothing was asked of the provider.' })
  refund!: Refund | null;

  @Field(() => Payment, { nullable: true, description: 'The payment as it is now; null with INVALID, NOT_FOUND and the like.' })
  payment!: Payment | null;

  @Field(() => [UserError], {
    description:
      'Why it did not succeed: INVALID, NOT_FOUND, PAYMENT_NOT_CAPTURED, REFUND_EXCEEDS_CAPTURED, IDEMPOTENCY_KEY_REUSED, PAYMENT_DECLINED (the provider refused), PROVIDER_UNAVAILABLE (the refund stays PENDING: repeat with the same key).',
  })
  userErrors!: UserError[];
}
