import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../../platform/auth/internal-token';
import { HEADERS } from '../../../../platform/context';
import type { UsersContext } from '../context';

const MERGE = `mutation ($guestCartId: ID!, $userId: ID!) {
  mergeGuestCart(guestCartId: $guestCartId, userId: $userId) { merged userErrors { code } }
}`;

/**
 * At sign-in, asks the cart subgraph to merge the guest cart into the customer's cart before the
 * login answers, so the very next MyCart shows it. Any failure is logged and ignored: the login
 * succeeds, and the `customer.signed-in` event (which the cart subgraph consumes) merges it later.
 */
export async function mergeGuestCartAtLogin(ctx: UsersContext, userId: string, guestCartId: string): Promise<void> {
  const url = ctx.deps.config.cartUrl;
  if (!url) return;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: signInternalToken(ctx.deps.config.internalSecret, { caller: 'users' }),
        [HEADERS.requestId]: ctx.requestId,
      },
      body: JSON.stringify({ query: MERGE, variables: { guestCartId, userId } }),
      signal: AbortSignal.timeout(3000),
    });
    const body = (await response.json()) as { data?: { mergeGuestCart?: { merged: boolean } }; errors?: unknown[] };
    if (!response.ok || body.errors?.length) ctx.log.warn({ status: response.status, errors: body.errors }, 'guest cart merge failed');
  } catch (error) {
    ctx.log.warn({ err: error }, 'guest cart merge failed');
  }
}
