import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { INTERNAL_TOKEN_HEADER, verifyInternalToken, type InternalClaims } from '../../../platform/auth/internal-token';
import type { CartSummary } from '../src/cart/cart-summary';

/** Who may call the fake cart's internal query: the shipping subgraph. */
const CALLER = 'shipping';

/**
 * Stands in for the cart subgraph's HTTP answer to `cartForShipping(id)` (the cart subgraph is
 * not part of these tests): it checks the service credential as every subgraph does (audience
 * "cart", issued by "shipping"), answers from `carts`, and records who asked.
 */
export interface FakeCart {
  url: string;
  carts: Map<string, CartSummary>;
  /** Cart ids the fake answers with 503, as a cart subgraph that is down behind a proxy would. */
  failing: Set<string>;
  calls: { cartId: string; claims: InternalClaims | null; requestId: string | undefined }[];
  stop(): Promise<void>;
}

export async function startFakeCart(internalSecret: string): Promise<FakeCart> {
  const carts = new Map<string, CartSummary>();
  const calls: FakeCart['calls'] = [];
  const failing = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const claims = verifyInternalToken(internalSecret, req.headers[INTERNAL_TOKEN_HEADER] as string | undefined, 'cart');
      const { variables } = JSON.parse(body) as { variables: { id: string } };
      calls.push({ cartId: variables.id, claims, requestId: req.headers['x-request-id'] as string | undefined });
      res.setHeader('content-type', 'application/json');
      if (!claims) {
        res.statusCode = 401;
        res.end(JSON.stringify({ errors: [{ message: 'no credential for cart', extensions: { code: 'UNAUTHENTICATED' } }] }));
        return;
      }
      if (claims.caller !== CALLER) {
        // cartForShipping is @ServiceOnly('shipping'): any other caller is FORBIDDEN
        res.end(JSON.stringify({ data: { cartForShipping: null }, errors: [{ message: 'shipping only', extensions: { code: 'FORBIDDEN' } }] }));
        return;
      }
      if (failing.has(variables.id)) {
        res.statusCode = 503;
        res.end(JSON.stringify({ errors: [{ message: 'unavailable' }] }));
        return;
      }
      res.end(JSON.stringify({ data: { cartForShipping: carts.get(variables.id) ?? null } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    carts,
    failing,
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const cart = (subtotal: string, weight: string, currencyCode = 'USD'): CartSummary => ({ subtotal: { amount: subtotal, currencyCode }, weight, currencyCode });
