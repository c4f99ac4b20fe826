import { GraphQLError } from 'graphql';
import { ServiceCallError, typedDocument } from '../../../../platform/service-client/service-client';
import type { ShippingContext } from '../context';

/**
 * The one place shipping talks to the cart subgraph: its internal, service-only query
 * `cartForShipping(id)`, through the platform's service client (credential for "cart" issued by
 * "shipping", on behalf of the caller; request id, trace, consistency positions, timeout).
 * Shipping never reads the cart's database.
 */
export interface CartSummary {
  subtotal: { amount: string; currencyCode: string };
  /** Total weight of the cart's lines in kilograms, a decimal string such as "2.350". */
  weight: string;
  currencyCode: string;
}

export const CART_FOR_SHIPPING = typedDocument<{ cartForShipping: CartSummary | null }, { id: string }>(`query CartForShipping($id: ID!) {
  cartForShipping(id: $id) { subtotal { amount currencyCode } weight currencyCode }
}`);

/** What the cart answers about a cart id it does not know (or cannot read). */
const UNKNOWN_CART = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);

/** A cart's summary, or null when the cart subgraph knows no such cart; SERVICE_UNAVAILABLE when it does not answer. */
export async function readCartSummary(ctx: ShippingContext, cartId: string): Promise<CartSummary | null> {
  try {
    // a read: safe to retry within the timeout
    const data = await ctx.deps.services.call(ctx, 'cart', CART_FOR_SHIPPING, { id: cartId }, { idempotent: true, timeoutMs: ctx.deps.config.cartTimeoutMs });
    return data.cartForShipping;
  } catch (error) {
    if (!(error instanceof ServiceCallError)) throw error;
    if ((error.failure === 'GRAPHQL_ERROR' || error.failure === 'HTTP_ERROR') && error.code && UNKNOWN_CART.has(error.code)) return null;
    ctx.log.warn({ err: error.message, failure: error.failure }, 'the cart subgraph did not answer');
    throw new GraphQLError(`The cart service did not answer: ${error.message}`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  }
}
