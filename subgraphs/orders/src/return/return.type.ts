import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { Money } from '../../../../platform/graphql/types';
import { centsToMoney } from '../common/money';
import type { ReturnLineEntity, ReturnRequestEntity } from './return.entity';
import { ReturnStatus } from './return-status';

/** The payments subgraph's Refund, by id: payments resolves its amount and status. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'Money given back from a payment. Its details come from payments.' })
export class Refund {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}

@ObjectType({ description: 'Units of one order line in a return.' })
export class ReturnLine {
  @Field(() => ID, { description: 'The order line (Order.lines.id).' })
  orderLineId!: string;

  @Field(() => Int, { description: 'Units sent back.' })
  quantity!: number;

  @Field(() => Money, { nullable: true, description: "What these units refund: their price less their share of the order's discount, plus the tax charged on that. Null until the return is RECEIVED." })
  refundAmount!: Money | null;
}

@ObjectType({ description: "A customer's return of units of a delivered order. Only the order's customer and staff can read it." })
export class ReturnRequest {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => ReturnStatus, { description: 'Where the return is.' })
  status!: ReturnStatus;

  @Field({ description: "The customer's reason." })
  reason!: string;

  @Field(() => Money, {
    nullable: true,
    description: "What the return refunds (the lines' goods less their discount share, plus their tax; never shipping). Null until the return is RECEIVED.",
  })
  refundAmount!: Money | null;

  @Field(() => Refund, { nullable: true, description: "The refund of the order's payment, once payments confirmed it (RECEIVED, REFUNDED); null before, and when nothing was to be refunded." })
  refund!: Refund | null;

  @Field(() => DateTimeScalar, { description: 'When it was asked for (ISO 8601).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it last changed (ISO 8601).' })
  updatedAt!: Date;

  /** Not GraphQL fields: the order (the Order field's key) and the currency of the amounts. */
  orderId!: string;
  currencyCode!: string;
}

export const ReturnRequestConnection = connectionType('ReturnRequest', ReturnRequest, 'A page of returns, newest first.');

/** RECEIVED and REFUNDED returns have their refund amounts. */
const settled = (status: ReturnStatus) => status === ReturnStatus.RECEIVED || status === ReturnStatus.REFUNDED;

export function toReturnRequest(r: ReturnRequestEntity): ReturnRequest {
  return Object.assign(new ReturnRequest(), {
    id: r.id,
    status: r.status,
    reason: r.reason,
    refundAmount: settled(r.status) && r.refundCents !== null ? centsToMoney(r.refundCents, r.currencyCode) : null,
    refund: r.refundId ? Object.assign(new Refund(), { id: r.refundId }) : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    orderId: r.orderId,
    currencyCode: r.currencyCode,
  });
}

export function toReturnLine(l: ReturnLineEntity, r: Pick<ReturnRequest, 'status' | 'currencyCode'>): ReturnLine {
  const amount = settled(r.status) && l.goodsRefundCents !== null ? centsToMoney(l.goodsRefundCents + (l.taxRefundCents ?? 0), r.currencyCode) : null;
  return Object.assign(new ReturnLine(), { orderLineId: l.orderLineId, quantity: l.quantity, refundAmount: amount });
}
