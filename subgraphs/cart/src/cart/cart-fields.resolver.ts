import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { money, Money } from '../../../../platform/graphql/types';
import type { CartContext } from '../context';
import type { CartRow } from './cart-row';
import type { LineRow } from './cart-totals';
import { Cart, CartDiscountCode, CartLine, CartWarning, type CartWarningCode } from './cart.type';
import { Product } from './product.type';

@Resolver(() => Cart)
export class CartFieldsResolver {
  @FieldResolver(() => [CartLine], { description: 'The lines, in the order they were first added.' })
  lines(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<LineRow[]> {
    return ctx.loaders.linesByCart.load(cart.id);
  }

  @FieldResolver(() => Int, { description: 'Units over all lines.' })
  async totalQuantity(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<number> {
    const lines = await ctx.loaders.linesByCart.load(cart.id);
    return lines.reduce((sum, l) => sum + l.quantity, 0);
  }

  @FieldResolver(() => [CartDiscountCode], { description: 'The codes entered, in order, each saying whether it applies now.' })
  async discountCodes(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<CartDiscountCode[]> {
    return (await ctx.totals(cart)).codes.map((c) => ({ code: c.code, applicable: c.applicable, message: c.message }));
  }

  @FieldResolver(() => Money, { description: 'Sum of the line totals, at current prices.' })
  async subtotal(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<Money> {
    const t = await ctx.totals(cart);
    return money(t.subtotal, t.currencyCode);
  }

  @FieldResolver(() => Money, { description: 'What the applicable discount codes take off the subtotal; never more than the subtotal.' })
  async discountTotal(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<Money> {
    const t = await ctx.totals(cart);
    return money(t.discountTotal, t.currencyCode);
  }

  @FieldResolver(() => Money, { description: 'Subtotal minus discountTotal, never negative; shipping and taxes come at checkout.' })
  async total(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<Money> {
    const t = await ctx.totals(cart);
    return money(t.total, t.currencyCode);
  }

  @FieldResolver(() => [CartWarning], { description: 'Prices that changed, stock that is short, products no longer for sale. Empty when all is well.' })
  async warnings(@Root() cart: CartRow, @Ctx() ctx: CartContext): Promise<CartWarning[]> {
    return (await ctx.totals(cart)).warnings.map((w) => ({ code: w.code as CartWarningCode, message: w.message, lineId: w.lineId }));
  }
}

@Resolver(() => CartLine)
export class CartLineFieldsResolver {
  @FieldResolver(() => Money, { description: 'The price of one unit when the line was added (kept; see currentUnitPrice).' })
  unitPrice(@Root() line: LineRow): Money {
    return money(line.unitPrice, line.currencyCode);
  }

  @FieldResolver(() => Money, { description: "The product's price per unit now: what the totals use." })
  async currentUnitPrice(@Root() line: LineRow, @Ctx() ctx: CartContext): Promise<Money> {
    const { priced, currencyCode } = await pricedLine(ctx, line);
    return money(priced?.currentUnitPrice ?? line.unitPrice, currencyCode);
  }

  @FieldResolver(() => Money, { description: 'quantity × currentUnitPrice.' })
  async lineTotal(@Root() line: LineRow, @Ctx() ctx: CartContext): Promise<Money> {
    const { priced, currencyCode } = await pricedLine(ctx, line);
    return money(priced?.lineTotal ?? '0.00', currencyCode);
  }

  @FieldResolver(() => Product, { description: 'The product (resolved by the catalog).' })
  product(@Root() line: LineRow): Product {
    return { id: line.productId };
  }
}

async function pricedLine(ctx: CartContext, line: LineRow) {
  const cart = await ctx.loaders.cartById.load(line.cartId);
  if (!cart) return { priced: undefined, currencyCode: line.currencyCode };
  const totals = await ctx.totals(cart);
  return { priced: totals.lines.get(line.id), currencyCode: totals.currencyCode };
}
