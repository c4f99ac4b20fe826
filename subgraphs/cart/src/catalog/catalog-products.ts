import { GraphQLError } from 'graphql';
import { ServiceCallError, typedDocument, type ServiceCallContext, type ServiceClient } from '../../../../platform/service-client/service-client';

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

const PRODUCTS_FOR_CART = typedDocument<{ productsForCart: CatalogProduct[] }, { ids: string[] }>(
  `query ProductsForCart($ids: [ID!]!) { productsForCart(ids: $ids) { id status price currencyCode available weight } }`,
);

/**
 * The catalog subgraph as the cart uses it: one internal query (`productsForCart`, for the cart
 * only) for every product of a cart at once, through the platform's service client (a read:
 * retried on a lost connection within the timeout). Unknown products are absent from the map. When
 * the catalog does not answer, the cart operation fails with SERVICE_UNAVAILABLE and changes nothing.
 */
export class CatalogProducts {
  constructor(
    private readonly services: ServiceClient,
    private readonly timeoutMs: number,
  ) {}

  async forCart(ctx: ServiceCallContext, ids: readonly string[]): Promise<Map<string, CatalogProduct>> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return new Map();
    try {
      const { productsForCart } = await this.services.call(ctx, 'catalog', PRODUCTS_FOR_CART, { ids: wanted }, { idempotent: true, timeoutMs: this.timeoutMs });
      return new Map(productsForCart.map((p) => [p.id, p]));
    } catch (error) {
      if (!(error instanceof ServiceCallError)) throw error;
      ctx.log.warn({ err: error, failure: error.failure }, 'catalog productsForCart failed');
      throw new GraphQLError('Prices and stock cannot be checked right now: try again shortly', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    }
  }
}
