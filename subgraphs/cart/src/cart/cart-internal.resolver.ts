import { Arg, Ctx, Directive, ID, Mutation, Query, Resolver } from 'type-graphql';
import { money } from '../../../../platform/graphql/types';
import { ServiceOnly } from '../../../../platform/graphql/authorization';
import { isUuid } from '../../../../platform/validation';
import type { CartContext } from '../context';
import { convertCart } from '../lifecycle/cart-conversion';
import { CartForCheckout, CartForShipping, MergeGuestCartPayload } from './cart-internal.types';
import { mergeGuestCart } from './cart-merge';
import { CartPayload } from './cart.payloads';
import { CartStatus } from './cart-status';
import type { CartWarningCode } from './cart.type';

/**
 * Operations for other subgraphs: users (merge at sign-in), orders (convert), shipping (weight and
 * subtotal). @inaccessible, and FORBIDDEN for any caller but the one named.
 */
@Resolver()
export class CartInternalResolver {
  @Directive('@inaccessible')
  @ServiceOnly('users')
  @Mutation(() => MergeGuestCartPayload, {
    description: "Internal (users, at sign-in). Merges a guest cart into the customer's cart; idempotent. A guest cart that is unknown or a customer's → NOT_FOUND, nothing merged.",
  })
  async mergeGuestCart(
    @Arg('guestCartId', () => ID, { description: 'The guest cart.' }) guestCartId: string,
    @Arg('userId', () => ID, { description: 'The customer who signed in.' }) userId: string,
    @Ctx() ctx: CartContext,
  ): Promise<MergeGuestCartPayload> {
    const result = await mergeGuestCart(ctx, guestCartId, userId);
    return { ...result, warnings: result.warnings.map((w) => ({ ...w, code: w.code as CartWarningCode })) };
  }

  @Directive('@inaccessible')
  @ServiceOnly('orders')
  @Mutation(() => CartPayload, {
    description: 'Internal (orders). The cart became order `orderId`: CONVERTED, no longer changeable. Idempotent for the same order. userErrors: NOT_FOUND, CART_NOT_ACTIVE (merged, or converted to another order), INVALID.',
  })
  convertCart(
    @Arg('cartId', () => ID, { description: 'The cart.' }) cartId: string,
    @Arg('orderId', () => ID, { description: 'The order it became.' }) orderId: string,
    @Ctx() ctx: CartContext,
  ) {
    return convertCart(ctx, cartId, orderId);
  }

  @Directive('@inaccessible')
  @ServiceOnly('shipping')
  @Query(() => CartForShipping, { nullable: true, description: 'Internal (shipping). Subtotal, total and weight of a cart; null when unknown or merged.' })
  async cartForShipping(@Arg('id', () => ID, { description: 'The cart.' }) id: string, @Ctx() ctx: CartContext): Promise<CartForShipping | null> {
    if (!isUuid(id)) return null;
    const cart = await ctx.loaders.cartById.load(id.toLowerCase());
    if (!cart || cart.status === CartStatus.MERGED) return null;
    const t = await ctx.totals(cart);
    return {
      id: cart.id,
      subtotal: money(t.subtotal, t.currencyCode),
      total: money(t.total, t.currencyCode),
      weight: t.weight,
      currencyCode: t.currencyCode,
      totalQuantity: t.totalQuantity,
    };
  }

  @Directive('@inaccessible')
  @ServiceOnly('orders')
  @Query(() => CartForCheckout, { nullable: true, description: 'Internal (orders, at checkout). Owner, lines, codes and totals of a cart at current prices; null when unknown.' })
  async cartForCheckout(@Arg('id', () => ID, { description: 'The cart.' }) id: string, @Ctx() ctx: CartContext): Promise<CartForCheckout | null> {
    if (!isUuid(id)) return null;
    const cart = await ctx.loaders.cartById.load(id.toLowerCase());
    if (!cart) return null;
    const [lines, t] = await Promise.all([ctx.loaders.linesByCart.load(cart.id), ctx.totals(cart)]);
    return {
      id: cart.id,
      userId: cart.userId,
      status: cart.status,
      orderId: cart.orderId,
      currencyCode: t.currencyCode,
      lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPrice: l.unitPrice, currentUnitPrice: t.lines.get(l.id)?.currentUnitPrice ?? l.unitPrice })),
      discountCodes: t.codes.filter((c) => c.applicable).map((c) => c.code),
      subtotal: t.subtotal,
      discountTotal: t.discountTotal,
      total: t.total,
    };
  }
}
