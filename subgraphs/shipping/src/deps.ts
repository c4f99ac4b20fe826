import type Redis from 'ioredis';
import type { Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import { cartSummaryOverHttp, type CartSummarySource } from './cart/cart-summary';
import type { ShippingConfig } from './config';
import { createShippingDatabase } from './database';

/** What the shipping subgraph's processes are built from; tests build their own. */
export interface ShippingDeps {
  config: ShippingConfig;
  database: Database;
  redis: Redis;
  /** The cart subgraph's answer about a cart (weight, subtotal). */
  cartSummary: CartSummarySource;
  log: Logger;
}

export async function openShippingDeps(config: ShippingConfig, log: Logger): Promise<ShippingDeps> {
  const database = createShippingDatabase(config, log);
  await database.dataSource.initialize();
  const redis = createRedis(config.redisUrl, 'shipping');
  const cartSummary = cartSummaryOverHttp({ url: config.cartUrl, internalSecret: config.internalSecret, timeoutMs: config.cartTimeoutMs });
  return { config, database, redis, cartSummary, log };
}

export async function closeShippingDeps(deps: ShippingDeps): Promise<void> {
  await deps.database.dataSource.destroy();
  deps.redis.disconnect();
}
