import { isUuid } from '../../../../platform/validation';
import type { CartContext } from '../context';
import type { CartRow } from './cart-row';
import { CartStatus } from './cart-status';

/**
 * Who may see a cart: anyone holding a guest cart's id (it is unguessable), only its customer for
 * a customer cart. A MERGED guest cart is gone for everyone: its lines live in the customer's cart.
 */
export function visibleTo(userId: string | undefined, cart: CartRow): boolean {
  if (cart.status === CartStatus.MERGED) return false;
  return cart.userId === null || cart.userId === userId;
}

/** The cart `id` names, when the caller may see it; null otherwise (unknown, malformed, someone else's). */
export async function findVisibleCart(scope: CartContext, userId: string | undefined, id: string): Promise<CartRow | null> {
  if (!isUuid(id)) return null;
  const cart = await scope.loaders.cartById.load(id.toLowerCase());
  return cart && visibleTo(userId, cart) ? cart : null;
}
