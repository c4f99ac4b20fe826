import { sql } from '../../../../platform/db/sql';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import type { LineRow } from './cart-totals';
import { CART_COLUMNS, LINE_COLUMNS, type CartRow } from './cart-row';

/** Carts, their lines and their codes: one statement per batch. */
export function cartLoaders(db: RequestDb) {
  return {
    cartById: rowLoader(
      (ids: readonly string[]): Promise<CartRow[]> => db.read((m) => sql(m, `SELECT ${CART_COLUMNS} FROM carts c WHERE c.id = ANY($1::uuid[])`, [ids])),
      (c) => c.id,
    ),
    /** The customer's open (ACTIVE or ABANDONED) cart. */
    openCartByUser: rowLoader(
      (userIds: readonly string[]): Promise<CartRow[]> =>
        db.read((m) =>
          sql(m, `SELECT ${CART_COLUMNS} FROM carts c WHERE c.user_id = ANY($1::uuid[]) AND c.status IN ('ACTIVE', 'ABANDONED')`, [userIds]),
        ),
      (c) => c.userId!,
    ),
    linesByCart: groupLoader(
      (ids: readonly string[]): Promise<LineRow[]> =>
        db.read((m) => sql(m, `SELECT ${LINE_COLUMNS} FROM cart_lines l WHERE l.cart_id = ANY($1::uuid[]) ORDER BY l.seq`, [ids])),
      (l) => l.cartId,
    ),
    codesByCart: groupLoader(
      (ids: readonly string[]): Promise<{ cartId: string; code: string }[]> =>
        db.read((m) =>
          sql(m, `SELECT cart_id::text AS "cartId", code FROM cart_discount_codes WHERE cart_id = ANY($1::uuid[]) ORDER BY position`, [ids]),
        ),
      (r) => r.cartId,
    ),
  };
}
