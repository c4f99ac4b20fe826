import type { SubgraphDeps } from '../../../platform/subgraph';
import { CatalogProducts } from './catalog/catalog-products';
import type { CartConfig } from './config';

/** What the cart subgraph's processes are built from: the shared dependencies, the catalog and a clock. */
export interface CartDeps extends SubgraphDeps<CartConfig> {
  /** The catalog subgraph: status, current price and stock of products. */
  catalog: CatalogProducts;
  /** The clock of the cart's rules (idle carts, discount code dates); tests move it. */
  now(): Date;
}

/** The catalog as the cart calls it (through the platform's service client), and the real clock. */
export function cartDeps({ services, config }: SubgraphDeps<CartConfig>): Pick<CartDeps, 'catalog' | 'now'> {
  return { catalog: new CatalogProducts(services, config.catalogTimeoutMs), now: () => new Date() };
}
