import { typedDocument } from '../../../../platform/service-client/service-client';
import type { UsersContext } from '../context';

const MERGE_GUEST_CART = typedDocument<{ mergeGuestCart: { merged: boolean; userErrors: { code: string }[] } }, { guestCartId: string; userId: string }>(
  `mutation MergeGuestCart($guestCartId: ID!, $userId: ID!) { mergeGuestCart(guestCartId: $guestCartId, userId: $userId) { merged userErrors { code } } }`,
);

/** Short: a sign-in never waits long for the cart. */
const MERGE_TIMEOUT_MS = 2000;

/**
 * At sign-in, asks the cart subgraph to merge the guest cart into the customer's cart before the
 * login answers, so the very next MyCart shows it. Any failure is logged and ignored: the login
 * succeeds, and the `customer.signed-in` event (which the cart subgraph consumes) merges it later.
 * Not retried here for the same reason: the event is the retry.
 */
export async function mergeGuestCartAtLogin(ctx: UsersContext, userId: string, guestCartId: string): Promise<void> {
  try {
    const { mergeGuestCart } = await ctx.deps.services.call(ctx, 'cart', MERGE_GUEST_CART, { guestCartId, userId }, { timeoutMs: MERGE_TIMEOUT_MS });
    if (mergeGuestCart.userErrors.length) ctx.log.info({ guestCartId, userErrors: mergeGuestCart.userErrors }, 'guest cart not merged at sign-in');
  } catch (error) {
    ctx.log.warn({ err: error, guestCartId }, 'guest cart merge at sign-in failed; the signed-in event merges it');
  }
}
