import { userError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { CartContext } from '../context';
import { CartEntity } from '../cart/cart.entity';
import { CartError } from '../cart/cart.errors';
import { CartStatus } from '../cart/cart-status';
import { lockCart, refuse, type CartResult } from '../cart/cart-write';

/**
 * The cart became order `orderId`: CONVERTED, no longer changeable; the customer's next cart is a
 * new one. Idempotent: converting again with the same order changes nothing.
 */
export async function convertCart(scope: CartContext, cartId: string, orderId: string): Promise<CartResult> {
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
      await m.update(CartEntity, { id }, { status: CartStatus.CONVERTED, orderId, updatedAt: () => 'now()' });
    });
  } catch (error) {
    const refused = (error as { userErrors?: CartResult['userErrors'] }).userErrors;
    if (refused) return { cart: refused[0].code === CartError.NOT_FOUND ? null : await scope.loaders.cartById.load(id), userErrors: refused };
    throw error;
  }
  scope.changed();
  return { cart: await scope.loaders.cartById.load(id), userErrors: [] };
}
