import { GraphQLError } from 'graphql';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../../platform/auth/internal-token';
import { HEADERS, type BaseContext } from '../../../../platform/context';

/**
 * The one place shipping talks to the cart subgraph: its internal, service-only query
 * `cartForShipping(id)`. Shipping never reads the cart's database.
 */
export interface CartSummary {
  subtotal: { amount: string; currencyCode: string };
  /** Total weight of the cart's lines in kilograms, a decimal string such as "2.350". */
  weight: string;
  currencyCode: string;
}

/** A cart's summary, or null when the cart subgraph knows no such cart. */
export type CartSummarySource = (ctx: Pick<BaseContext, 'requestId' | 'identity'>, cartId: string) => Promise<CartSummary | null>;

export const CART_FOR_SHIPPING = `query CartForShipping($id: ID!) {
  cartForShipping(id: $id) { subtotal { amount currencyCode } weight currencyCode }
}`;

function unavailable(message: string): GraphQLError {
  return new GraphQLError(`The cart service did not answer: ${message}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
}

/** Calls the cart subgraph with the service credential (caller "shipping", on behalf of the user), the request id and a timeout. */
export function cartSummaryOverHttp(options: { url: string; internalSecret: string; timeoutMs: number }): CartSummarySource {
  return async (ctx, cartId) => {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_TOKEN_HEADER]: signInternalToken(options.internalSecret, { caller: 'shipping', identity: ctx.identity }),
          [HEADERS.requestId]: ctx.requestId,
        },
        body: JSON.stringify({ query: CART_FOR_SHIPPING, variables: { id: cartId } }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw unavailable((error as Error).message);
    }
    const body = (await response.json().catch(() => ({}))) as { data?: { cartForShipping: CartSummary | null }; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'NOT_FOUND')) return null;
    if (!response.ok || body.errors?.length || !body.data) throw unavailable(`${response.status} ${body.errors?.[0]?.message ?? ''}`.trim());
    return body.data.cartForShipping;
  };
}
