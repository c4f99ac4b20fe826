import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Order } from '../order/order.type';

@ObjectType({ description: 'The result of checkout.' })
export class CheckoutPayload {
  @Field(() => Order, { nullable: true, description: 'The confirmed order; null when userErrors is not empty.' })
  order!: Order | null;

  @Field(() => [UserError], { description: 'Why there is no order; see checkout.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of cancelOrder.' })
export class CancelOrderPayload {
  @Field(() => Order, { nullable: true, description: 'The order as it is now.' })
  order!: Order | null;

  @Field(() => [UserError], { description: 'NOT_FOUND, ORDER_NOT_CANCELLABLE, PAYMENT_NOT_REVERSED.' })
  userErrors!: UserError[];
}
