import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import type { OrdersContext } from '../context';
import { OrderEntity } from '../order/order.entity';
import { toOrder } from '../order/order.type';
import { CheckoutInput } from './checkout.inputs';
import { CheckoutPayload } from './checkout.payloads';
import { checkout } from './checkout.service';

@Resolver()
export class CheckoutResolver {
  @Directive(PRIVATE)
  @Mutation(() => CheckoutPayload, {
    description:
      'Buys a cart: validates it (products ACTIVE and in stock), the address and the shipping method, reserves the stock, redeems the discount codes, takes the payment and confirms the order. ' +
      'A guest gives an email. The same idempotencyKey with the same request returns the first result (its userErrors included) for at least 24 hours. ' +
      'userErrors: INVALID, NOT_FOUND, CART_NOT_ACTIVE, CART_EMPTY, PRODUCT_UNAVAILABLE, OUT_OF_STOCK, SHIPPING_METHOD_UNAVAILABLE, DISCOUNT_CODE_INVALID, PAYMENT_DECLINED, PAYMENT_UNAVAILABLE, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, CHECKOUT_FAILED.',
  })
  async checkout(@Arg('input', () => CheckoutInput, { description: 'The cart, address, method, card token and idempotency key.' }) input: CheckoutInput, @Ctx() ctx: OrdersContext): Promise<CheckoutPayload> {
    const result = await checkout(ctx, input);
    const orderId = result.userErrors.length ? null : result.orderId;
    // from the primary: a repeated key's order was written by an earlier request
    const row = orderId ? await ctx.db.readPrimary((m) => m.findOneBy(OrderEntity, { id: orderId })) : null;
    return { order: row ? toOrder(row) : null, userErrors: result.userErrors };
  }
}
