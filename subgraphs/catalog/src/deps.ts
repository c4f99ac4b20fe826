import type Redis from 'ioredis';
import type { Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import { CatalogCache } from './cache/catalog-cache';
import type { CatalogConfig } from './config';
import { createCatalogDatabase } from './database';

/** What the catalog subgraph's processes are built from; tests build their own. */
export interface CatalogDeps {
  config: CatalogConfig;
  database: Database;
  redis: Redis;
  cache: CatalogCache;
  log: Logger;
}

export async function openCatalogDeps(config: CatalogConfig, log: Logger): Promise<CatalogDeps> {
  const database = createCatalogDatabase(config, log);
  await database.dataSource.initialize();
  const redis = createRedis(config.redisUrl, 'catalog');
  const cache = new CatalogCache(redis, config.cacheNamespace, config.cacheTtlSeconds, log);
  return { config, database, redis, cache, log };
}

export async function closeCatalogDeps(deps: CatalogDeps): Promise<void> {
  await deps.database.dataSource.destroy();
  deps.redis.disconnect();
}
