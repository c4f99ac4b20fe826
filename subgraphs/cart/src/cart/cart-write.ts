import type { EntityManager } from 'typeorm';
import { sql, sqlOne } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { CartContext } from '../context';
import { visibleTo } from './cart-access';
import { CartEntity } from './cart.entity';
import { CartError } from './cart.errors';
import { CART_COLUMNS, LINE_COLUMNS, type CartRow } from './cart-row';
import { CartStatus, OPEN_STATUSES } from './cart-status';
import type { LineRow } from './cart-totals';

export interface CartResult {
  cart: CartRow | null;
  userErrors: UserError[];
}

/** Thrown inside a write to roll it back with userErrors. */
class Refused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super('refused');
  }
}

export const refuse = (...userErrors: UserError[]): never => {
  throw new Refused(userErrors);
};

export async function lockCart(m: EntityManager, id: string): Promise<CartRow | null> {
  return (await sqlOne<CartRow>(m, `SELECT ${CART_COLUMNS} FROM carts c WHERE c.id = $1 FOR UPDATE`, [id])) ?? null;
}

export async function linesOf(m: EntityManager, cartId: string): Promise<LineRow[]> {
  return sql<LineRow>(m, `SELECT ${LINE_COLUMNS} FROM cart_lines l WHERE l.cart_id = $1 ORDER BY l.seq`, [cartId]);
}

/** The change counts as activity: the cart is ACTIVE again and its idle time starts over. */
export async function touch(m: EntityManager, cartId: string): Promise<void> {
  await m.update(CartEntity, { id: cartId }, { updatedAt: () => 'now()', status: CartStatus.ACTIVE, abandonedAt: null });
}

/**
 * Runs `change` on an open cart the caller may see, inside a transaction holding the cart's row
 * lock; userErrors it raises (refuse) roll the transaction back. Answers the cart as it is after.
 */
export async function changeCart(
  scope: CartContext,
  userId: string | undefined,
  cartId: string,
  change: (m: EntityManager, cart: CartRow, lines: LineRow[]) => Promise<void>,
): Promise<CartResult> {
  const notFound = { cart: null, userErrors: [userError(CartError.NOT_FOUND, 'There is no such cart', 'cartId')] };
  if (!isUuid(cartId)) return notFound;
  const id = cartId.toLowerCase();
  try {
    await scope.db.write(async (m) => {
      const cart = await lockCart(m, id);
      if (!cart || !visibleTo(userId, cart)) refuse(...notFound.userErrors);
      if (!OPEN_STATUSES.includes(cart!.status)) {
        refuse(userError(CartError.CART_NOT_ACTIVE, `This cart is ${cart!.status.toLowerCase()} and can no longer change`, 'cartId'));
      }
      await change(m, cart!, await linesOf(m, id));
      await touch(m, id);
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const hidden = error.userErrors.some((e) => e.code === CartError.NOT_FOUND && e.field === 'cartId');
    const cart = hidden ? null : await scope.loaders.cartById.load(id);
    return { cart: cart && visibleTo(userId, cart) ? cart : null, userErrors: error.userErrors };
  }
  scope.changed();
  return { cart: await scope.loaders.cartById.load(id), userErrors: [] };
}

/** The customer's open cart, created (empty) when there is none. */
export async function openCartOf(m: EntityManager, userId: string, newId: string): Promise<CartRow> {
  await sql(m, 
    `INSERT INTO carts (id, user_id) VALUES ($1, $2)
       ON CONFLICT (user_id) WHERE user_id IS NOT NULL AND status IN ('ACTIVE', 'ABANDONED') DO NOTHING`,
    [newId, userId],
  );
  const row = await sqlOne<CartRow>(m, `SELECT ${CART_COLUMNS} FROM carts c WHERE c.user_id = $1 AND c.status IN ('ACTIVE', 'ABANDONED') FOR UPDATE`, [userId]);
  return row!;
}
