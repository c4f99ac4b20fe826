import { sql } from '../../../../platform/db/sql';
import { randomUUID } from 'node:crypto';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { CartContext } from '../context';
import { CartEntity } from './cart.entity';
import { CartError } from './cart.errors';
import { MAX_CODES, MAX_LINES, MAX_QUANTITY } from './cart.rules';
import type { CartRow } from './cart-row';
import { CartStatus } from './cart-status';
import { QUANTITY_CAPPED, type LineRow, type Warning } from './cart-totals';
import { linesOf, lockCart, openCartOf, refuse, touch } from './cart-write';

export interface MergeResult {
  cart: CartRow | null;
  /** True when this call moved the lines; false when the guest cart was already merged. */
  merged: boolean;
  warnings: Warning[];
  userErrors: UserError[];
}

const notFound = (): MergeResult => ({
  cart: null,
  merged: false,
  warnings: [],
  userErrors: [userError(CartError.NOT_FOUND, 'There is no such guest cart', 'guestCartId')],
});

/**
 * Moves a guest cart's lines and codes into the customer's open cart (created when needed):
 * quantities add up, capped by the units available (the line then carries a warning). The guest
 * cart becomes MERGED and can no longer be used. Idempotent: a cart already merged into this
 * customer's cart changes nothing. A cart that is unknown or belongs to a customer is NOT_FOUND.
 * The commit is visible to every reader at once, so the customer's next request sees it.
 */
export async function mergeGuestCart(scope: CartContext, guestCartId: string, userId: string): Promise<MergeResult> {
  if (!isUuid(guestCartId) || !isUuid(userId)) return notFound();
  const guestId = guestCartId.toLowerCase();
  const customer = userId.toLowerCase();
  const productIds = await scope.db.readPrimary(async (m) => {
    const rows = await sql<{ productId: string }>(m, 
      `SELECT DISTINCT l.product_id::text AS "productId" FROM cart_lines l JOIN carts c ON c.id = l.cart_id
        WHERE l.cart_id = $1 OR (c.user_id = $2 AND c.status IN ('ACTIVE', 'ABANDONED'))`,
      [guestId, customer],
    );
    return rows.map((r) => r.productId);
  });
  const products = await scope.deps.catalog.forCart(scope, productIds);
  try {
    const outcome = await scope.db.write(
      async (m) => {
        const guest = await lockCart(m, guestId);
        if (!guest || guest.userId !== null) return refuse(...notFound().userErrors);
        if (guest.status === CartStatus.MERGED) {
          const target = guest.mergedInto ? await lockCart(m, guest.mergedInto) : null;
          if (target?.userId !== customer) return refuse(...notFound().userErrors);
          return { cartId: target.id, merged: false, warnings: [] as Warning[] };
        }
        if (guest.status === CartStatus.CONVERTED) {
          return refuse(userError(CartError.CART_NOT_ACTIVE, 'This guest cart became an order', 'guestCartId'));
        }
        const target = await openCartOf(m, customer, randomUUID());
        const warnings = await moveLines(m, await linesOf(m, guestId), await linesOf(m, target.id), target.id, products);
        await sql(m, 
          `INSERT INTO cart_discount_codes (cart_id, code, position)
           SELECT $2, g.code, (SELECT coalesce(max(position), 0) FROM cart_discount_codes WHERE cart_id = $2) + row_number() OVER (ORDER BY g.position)
             FROM cart_discount_codes g WHERE g.cart_id = $1
              AND NOT EXISTS (SELECT 1 FROM cart_discount_codes t WHERE t.cart_id = $2 AND t.code = g.code)
              AND (SELECT count(*) FROM cart_discount_codes WHERE cart_id = $2) < $3`,
          [guestId, target.id, MAX_CODES],
        );
        await m.update(CartEntity, { id: guestId }, { status: CartStatus.MERGED, mergedInto: target.id, updatedAt: () => 'now()' });
        await touch(m, target.id);
        return { cartId: target.id, merged: true, warnings };
      },
      { visibleToAll: true },
    );
    scope.changed();
    return { cart: await scope.loaders.cartById.load(outcome.cartId), merged: outcome.merged, warnings: outcome.warnings, userErrors: [] };
  } catch (error) {
    const refused = (error as { userErrors?: UserError[] }).userErrors;
    if (refused) return { cart: null, merged: false, warnings: [], userErrors: refused };
    throw error;
  }
}

async function moveLines(
  m: import('typeorm').EntityManager,
  guestLines: LineRow[],
  targetLines: LineRow[],
  targetId: string,
  products: Map<string, { status: string; available: number }>,
): Promise<Warning[]> {
  const warnings: Warning[] = [];
  const byProduct = new Map(targetLines.map((l) => [l.productId, l]));
  let lineCount = targetLines.length;
  for (const line of guestLines) {
    const existing = byProduct.get(line.productId);
    const product = products.get(line.productId);
    const wanted = Math.min(MAX_QUANTITY, (existing?.quantity ?? 0) + line.quantity);
    const cap = product && product.status === 'ACTIVE' ? Math.min(wanted, Math.max(product.available, existing?.quantity ?? 0)) : wanted;
    const capped = cap < (existing?.quantity ?? 0) + line.quantity;
    if (existing) {
      if (cap !== existing.quantity || capped) {
        await sql(m, 'UPDATE cart_lines SET quantity = $2, notice = $3, updated_at = now() WHERE id = $1', [existing.id, cap, capped ? QUANTITY_CAPPED : null]);
      }
      if (capped) warnings.push({ code: 'INSUFFICIENT_STOCK', message: `Reduced to the ${cap} available when your carts were merged`, lineId: existing.id });
      continue;
    }
    if (cap < 1 || lineCount >= MAX_LINES) {
      warnings.push({ code: 'INSUFFICIENT_STOCK', message: cap < 1 ? 'A product of your guest cart is out of stock and was left out' : `A cart holds at most ${MAX_LINES} products: one was left out`, lineId: null });
      continue;
    }
    const [row] = await sql<{ id: string }>(m, 
      `INSERT INTO cart_lines (cart_id, product_id, quantity, unit_price, currency_code, notice) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text AS id`,
      [targetId, line.productId, cap, line.unitPrice, line.currencyCode, capped ? QUANTITY_CAPPED : null],
    );
    lineCount += 1;
    if (capped) warnings.push({ code: 'INSUFFICIENT_STOCK', message: `Reduced to the ${cap} available when your carts were merged`, lineId: row.id });
  }
  return warnings;
}
