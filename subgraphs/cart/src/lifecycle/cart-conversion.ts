import { userError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { CartScope } from '../context';
import { CartError } from '../cart/cart.errors';
import { CartStatus } from '../cart/cart-status';
import { lockCart, refuse, type CartResult } from '../cart/cart-write';

/**
 * The cart became order `orderId`: CONVERTED, no longer changeable; the customer's next cart is a
 * new one. Idempotent: converting again with the same order changes nothing.
 */
export async function convertCart(scope: CartScope, cartId: string, orderId: string): Promise<CartResult> {
  const notFound = userError(CartError.NOT_FOUND, 'There is no such cart', 'cartId');
  if (!isUuid(cartId)) return { cart: null, userErrors: [notFound] };
  if (!orderId.trim() || orderId.length > 200) return { cart: null, userErrors: [userError(CartError.INVALID, 'orderId must be 1 to 200 characters', 'orderId')] };
  const id = cartId.toLowerCase();
  try {
    await scope.db.write(async (m) => {
      const cart = await lockCart(m, id);
      if (!cart) return refuse(notFound);
      if (cart.status === CartStatus.CONVERTED) {
        if (cart.orderId !== orderId) refuse(userError(CartError.CART_NOT_ACTIVE, 'This cart already became another order', 'cartId'));
        return;
      }
      if (cart.status === CartStatus.MERGED) refuse(userError(CartError.CART_NOT_ACTIVE, 'This cart was merged into another one', 'cartId'));
      await m.query(`UPDATE carts SET status = 'CONVERTED', order_id = $2, updated_at = now() WHERE id = $1`, [id, orderId]);
    });
  } catch (error) {
    const refused = (error as { userErrors?: CartResult['userErrors'] }).userErrors;
    if (refused) return { cart: refused[0].code === CartError.NOT_FOUND ? null : await scope.loaders.cartById.load(id), userErrors: refused };
    throw error;
  }
  scope.changed();
  return { cart: await scope.loaders.cartById.load(id), userErrors: [] };
}
