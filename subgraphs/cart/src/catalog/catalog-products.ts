import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../../platform/auth/internal-token';
import { HEADERS } from '../../../../platform/context';
import type { Logger } from '../../../../platform/logger';

/** A product as the catalog sees it now: what a cart line is checked and priced against. */
export interface CatalogProduct {
  id: string;
  /** ACTIVE products are for sale; anything else is not. */
  status: string;
  /** What one unit costs now (the sale price when set), a decimal string. */
  price: string;
  currencyCode: string;
  /** Units available to buy now. */
  available: number;
  /** Kilograms per unit, when known. */
  weight: string | null;
}

/** What a call needs from its caller: a request's context or a job's. */
export interface CatalogCallContext {
  requestId: string;
  log: Logger;
}

const PRODUCTS_FOR_CART = `query ProductsForCart($ids: [ID!]!) {
  productsForCart(ids: $ids) { id status price currencyCode available weight }
}`;

export class CatalogCallError extends Error {}

/**
 * The catalog subgraph as the cart uses it: one internal query (`productsForCart`, service
 * credential only) for every product of a cart at once. Unknown products are absent from the map.
 */
export class CatalogProducts {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly caller: string,
    private readonly timeoutMs = 5000,
  ) {}

  async forCart(ctx: CatalogCallContext, ids: readonly string[]): Promise<Map<string, CatalogProduct>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_TOKEN_HEADER]: signInternalToken(this.secret, { caller: this.caller }),
        [HEADERS.requestId]: ctx.requestId,
      },
      body: JSON.stringify({ query: PRODUCTS_FOR_CART, variables: { ids: wanted } }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: { productsForCart?: CatalogProduct[] }; errors?: { message: string }[] };
    if (!response.ok || body.errors?.length || !body.data?.productsForCart) {
      ctx.log.warn({ status: response.status, errors: body.errors }, 'catalog productsForCart failed');
      throw new CatalogCallError(`The catalog did not answer productsForCart (HTTP ${response.status})`);
    }
    return new Map(body.data.productsForCart.map((p) => [p.id, p]));
  }
}
