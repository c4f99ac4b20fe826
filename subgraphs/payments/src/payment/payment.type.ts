import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { Money } from '../../../../platform/graphql/types';
import { centsToMoney } from '../common/money';
import type { PaymentEntity } from './payment.entity';
import { PaymentStatus } from './payment-status';

@ObjectType({ description: "An order's card payment. The card shows as brand and last four digits only; the card number is never stored." })
export class Payment {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => PaymentStatus, { description: 'Where the payment is in its life; see PaymentStatus.' })
  status!: PaymentStatus;

  @Field(() => Money, { description: 'The amount authorized (and, once captured, charged).' })
  amount!: Money;

  @Field(() => Money, { description: 'What has been refunded so far (SUCCEEDED refunds).' })
  refundedAmount!: Money;

  @Field(() => String, { nullable: true, description: 'The card brand, e.g. "visa"; null until the provider has answered.' })
  cardBrand!: string | null;

  @Field(() => String, { nullable: true, description: 'The last four digits of the card; null until the provider has answered.' })
  cardLast4!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's reason when the payment FAILED, e.g. card_declined or insufficient_funds." })
  declineCode!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the payment was asked for (ISO 8601).' })
  createdAt!: Date;

  /** Not GraphQL fields: ownership and the refunds' loader key. */
  userId!: string | null;
  orderId!: string;
}

export function toPayment(p: PaymentEntity): Payment {
  return Object.assign(new Payment(), {
    id: p.id,
    status: p.status,
    amount: centsToMoney(p.amountCents, p.currencyCode),
    refundedAmount: centsToMoney(p.refundedCents, p.currencyCode),
    cardBrand: p.cardBrand,
    cardLast4: p.cardLast4,
    declineCode: p.declineCode,
    createdAt: p.createdAt,
    userId: p.userId,
    orderId: p.orderId,
  });
}
