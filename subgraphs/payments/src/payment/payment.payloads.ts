import { Directive, Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Payment } from './payment.type';

/** Internal operations' types and fields are @inaccessible: the gateway never exposes them. */
export const INTERNAL = '@inaccessible';

@Directive(INTERNAL)
@ObjectType({ description: 'Internal. A payment after authorizePayment, capturePayment, voidPayment or reconcilePayment.' })
export class PaymentOperationPayload {
  @Field(() => Payment, { nullable: true, description: 'The payment as it is now (also when the provider declined or did not answer); null for INVALID, NOT_FOUND and IDEMPOTENCY_KEY_REUSED.' })
  payment!: Payment | null;

  @Field(() => String, { nullable: true, description: "The provider's reason with PAYMENT_DECLINED, e.g. card_declined, insufficient_funds." })
  declineCode!: string | null;

  @Field(() => [UserError], {
    description: 'Why it did not succeed: INVALID, NOT_FOUND, PAYMENT_DECLINED, PROVIDER_UNAVAILABLE (no answer: the payment stays as it was, repeat with the same key or reconcile), IDEMPOTENCY_KEY_REUSED.',
  })
  userErrors!: UserError[];
}
