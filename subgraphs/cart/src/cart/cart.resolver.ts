import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CartContext } from '../context';
import { findVisibleCart } from './cart-access';
import * as lines from './cart-lines.service';
import type { CartRow } from './cart-row';
import { MAX_LINES, MAX_QUANTITY } from './cart.rules';
import { CartCreateInput, CartLineInput, CartLineUpdateInput } from './cart.inputs';
import { CartPayload } from './cart.payloads';
import { Cart } from './cart.type';
import { setCartCodes } from '../discount/discount.service';

const LIMITS = `A cart holds at most ${MAX_LINES} lines and ${MAX_QUANTITY} units per line.`;
const NOT_YOURS = 'NOT_FOUND for an unknown cart, a merged guest cart, or another customer\'s cart; CART_NOT_ACTIVE once it became an order.';

@Resolver()
export class CartResolver {
  @Query(() => Cart, {
    nullable: true,
    description: "A cart by id: a guest cart for whoever holds its id, a customer's cart only for that customer. Null for an unknown id, a merged guest cart or someone else's cart.",
  })
  cart(@Arg('id', () => ID, { description: 'The cart id returned by cartCreate.' }) id: string, @Ctx() ctx: CartContext): Promise<CartRow | null> {
    return findVisibleCart(ctx, ctx.identity?.userId, id);
  }

  @Mutation(() => CartPayload, {
    description: `Without a token, a new guest cart; signed in, the customer's cart (created when there is none), with the lines added. userErrors as for cartLinesAdd; a guest cart is then not created. ${LIMITS}`,
  })
  cartCreate(
    @Arg('input', () => CartCreateInput, { nullable: true, description: 'Lines to start with.' }) input: CartCreateInput | null,
    @Ctx() ctx: CartContext,
  ) {
    return lines.createCart(ctx, ctx.identity?.userId, input?.lines ?? []);
  }

  @Mutation(() => CartPayload, {
    description: `Adds units; a product already in the cart gets its quantity raised. userErrors: PRODUCT_NOT_FOUND (unknown or not ACTIVE), OUT_OF_STOCK (more than available), INVALID (quantity < 1, limits), ${NOT_YOURS} ${LIMITS}`,
  })
  cartLinesAdd(
    @Arg('cartId', () => ID, { description: 'The cart.' }) cartId: string,
    @Arg('lines', () => [CartLineInput], { description: 'What to add.' }) input: CartLineInput[],
    @Ctx() ctx: CartContext,
  ) {
    return lines.addLines(ctx, ctx.identity?.userId, cartId, input);
  }

  @Mutation(() => CartPayload, {
    description: `Sets line quantities; 0 removes the line. userErrors: NOT_FOUND (line not in the cart), OUT_OF_STOCK, PRODUCT_NOT_FOUND (raising a product no longer for sale), INVALID, ${NOT_YOURS}`,
  })
  cartLinesUpdate(
    @Arg('cartId', () => ID, { description: 'The cart.' }) cartId: string,
    @Arg('lines', () => [CartLineUpdateInput], { description: 'New quantities.' }) input: CartLineUpdateInput[],
    @Ctx() ctx: CartContext,
  ) {
    return lines.updateLines(ctx, ctx.identity?.userId, cartId, input);
  }

  @Mutation(() => CartPayload, { description: `Removes lines. userErrors: NOT_FOUND (a line not in the cart; nothing is removed), ${NOT_YOURS}` })
  cartLinesRemove(
    @Arg('cartId', () => ID, { description: 'The cart.' }) cartId: string,
    @Arg('lineIds', () => [ID], { description: 'The lines to remove.' }) lineIds: string[],
    @Ctx() ctx: CartContext,
  ) {
    return lines.removeLines(ctx, ctx.identity?.userId, cartId, lineIds);
  }

  @Mutation(() => CartPayload, {
    description:
      'Replaces the cart\'s discount codes (case-insensitive, at most 5; [] removes them all). Every code is listed in discountCodes with `applicable`; each one unknown, not started, expired, used up, or whose minimum subtotal the cart is below also comes back as a userError DISCOUNT_CODE_INVALID. Other userErrors: INVALID, ' +
      NOT_YOURS,
  })
  cartDiscountCodesUpdate(
    @Arg('cartId', () => ID, { description: 'The cart.' }) cartId: string,
    @Arg('codes', () => [String], { description: 'The codes, in the order they apply.' }) codes: string[],
    @Ctx() ctx: CartContext,
  ) {
    return setCartCodes(ctx, ctx.identity?.userId, cartId, codes);
  }
}
