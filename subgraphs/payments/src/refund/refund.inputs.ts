import { Field, ID, InputType } from 'type-graphql';
import { DecimalScalar } from '../../../../platform/graphql/scalars';

@InputType({ description: 'A refund of a captured payment, in part or in full.' })
export class RefundPaymentInput {
  @Field(() => ID, { description: 'The payment (Order.payment.id).' })
  paymentId!: string;

  @Field(() => DecimalScalar, { description: 'How much to give back, e.g. "19.99": positive, at most what was captured and not refunded yet.' })
  amount!: string;

  @Field(() => String, { nullable: true, description: 'Why, at most 500 characters; kept with the refund.' })
  reason?: string | null;

  @Field({ description: 'Unique per refund, 1 to 200 characters: repeating it with the same amount returns the first result.' })
  idempotencyKey!: string;
}
