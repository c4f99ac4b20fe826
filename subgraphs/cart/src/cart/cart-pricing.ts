import type { CartContext } from '../context';
import type { DiscountRule } from '../discount/discount.rules';
import type { CartRow } from './cart-row';
import { cartTotals, type CartTotals } from './cart-totals';

/**
 * Reads what a cart's totals need: its lines and codes (one statement each), the products of all
 * its lines from the catalog in one call, and the codes' rules. Nothing here grows with the lines.
 */
export async function computeTotals(scope: CartContext, cart: CartRow): Promise<CartTotals> {
  const { loaders } = scope;
  const [lines, codeRows] = await Promise.all([loaders.linesByCart.load(cart.id), loaders.codesByCart.load(cart.id)]);
  const codes = codeRows.map((r) => r.code);
  const [products, rules, uses] = await Promise.all([
    scope.deps.catalog.forCart(scope, lines.map((l) => l.productId)),
    codes.length ? loaders.discountByCode.loadMany(codes) : Promise.resolve([]),
    codes.length && cart.userId ? loaders.usesByCustomer.load(cart.userId) : Promise.resolve([]),
  ]);
  const discounts = new Map<string, DiscountRule>();
  for (const rule of rules) if (rule && !(rule instanceof Error)) discounts.set(rule.code, rule);
  const customerUses = new Map(uses.map((u) => [u.discountId, u.uses]));
  return cartTotals({ lines, products, codes, discounts, customerUses, now: scope.deps.now() });
}
