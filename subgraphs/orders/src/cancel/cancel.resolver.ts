import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../../../platform/graphql/authorization';
import { CancelOrderPayload } from '../checkout/checkout.payloads';
import type { OrdersContext } from '../context';
import { toOrder } from '../order/order.type';
import { cancelOrder } from './cancel.service';

@Resolver()
export class CancelOrderResolver {
  @Customer()
  @Mutation(() => CancelOrderPayload, {
    description:
      'Cancels an order that has not shipped: voids or refunds the payment, returns the stock and the discount uses; the order becomes CANCELLED. Customers their own orders, staff any. ' +
      'userErrors: NOT_FOUND, ORDER_NOT_CANCELLABLE (shipped, delivered or cancelled already), PAYMENT_NOT_REVERSED (nothing changed: try again).',
  })
  async cancelOrder(
    @Arg('id', () => ID, { description: 'The order.' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why; kept in the status history (at most 500 characters).' }) reason: string | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<CancelOrderPayload> {
    const result = await cancelOrder(ctx, id, reason);
    return { order: result.order && toOrder(result.order), userErrors: result.userErrors };
  }
}
