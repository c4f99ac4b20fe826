import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { Money } from '../../../../platform/graphql/types';
import { centsToMoney } from '../common/money';
import type { RefundEntity } from './refund.entity';
import { RefundStatus } from './refund-status';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Money given back from a payment, in part or in full. Visible to the customer who paid and to staff.' })
export class Refund {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => Money, { description: 'How much is given back.' })
  amount!: Money;

  @Field(() => RefundStatus, { description: 'PENDING, SUCCEEDED or FAILED.' })
  status!: RefundStatus;

  @Field(() => String, { nullable: true, description: 'Why the money was given back, as staff or the order flow wrote it.' })
  reason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the refund was asked for (ISO 8601).' })
  createdAt!: Date;
}

export function toRefund(r: RefundEntity): Refund {
  return Object.assign(new Refund(), { id: r.id, amount: centsToMoney(r.amountCents, r.currencyCode), status: r.status, reason: r.reason, createdAt: r.createdAt });
}
