import type Redis from 'ioredis';
import type { Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import { CatalogProducts } from './catalog/catalog-products';
import type { CartConfig } from './config';
import { createCartDatabase } from './database';

/** What the cart subgraph's processes are built from; tests build their own. */
export interface CartDeps {
  config: CartConfig;
  database: Database;
  redis: Redis;
  log: Logger;
  /** The catalog subgraph: status, current price and stock of products. */
  catalog: CatalogProducts;
  /** The clock of the cart's rules (idle carts, discount code dates); tests move it. */
  now(): Date;
}

export interface CartDepsOptions {
  now?: () => Date;
}

export async function openCartDeps(config: CartConfig, log: Logger, options: CartDepsOptions = {}): Promise<CartDeps> {
  const database = createCartDatabase(config, log);
  await database.dataSource.initialize();
  const redis = createRedis(config.redisUrl, 'cart');
  const catalog = new CatalogProducts(config.catalogUrl, config.internalSecret, 'cart');
  return { config, database, redis, log, catalog, now: options.now ?? (() => new Date()) };
}

export async function closeCartDeps(deps: CartDeps): Promise<void> {
  await deps.database.dataSource.destroy();
  deps.redis.disconnect();
}
