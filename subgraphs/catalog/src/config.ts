import { Env, readCommonConfig, type CommonConfig } from '../../../platform/config';
import type { DatabaseConfig } from '../../../platform/db/data-source';
import { readDatabaseConfig } from '../../../platform/db/database-config';

export interface CatalogConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
  /** How long a product or the category tree stays in the Redis cache when nothing changes (seconds). */
  cacheTtlSeconds: number;
  /** Prefix of this deployment's cache keys in Redis (tests give each database its own). */
  cacheNamespace: string;
  /** A stock reservation's time to live when the caller gives none (seconds). */
  reservationTtlSeconds: number;
}

export function readCatalogConfig(source: NodeJS.ProcessEnv = process.env): CatalogConfig {
  const env = new Env(source);
  const config: CatalogConfig = {
    ...readCommonConfig(env),
    port: env.int('CATALOG_PORT', 4002, { min: 1, max: 65535 }),
    workerPort: env.int('CATALOG_WORKER_PORT', 4102, { min: 1, max: 65535 }),
    database: readDatabaseConfig(env, 'catalog', 'postgres://postgres@127.0.0.1:5433/catalog'),
    cacheTtlSeconds: env.int('CATALOG_CACHE_TTL_SECONDS', 300, { min: 1, max: 86_400 }),
    cacheNamespace: env.string('CATALOG_CACHE_NAMESPACE', 'catalog'),
    reservationTtlSeconds: env.int('STOCK_RESERVATION_TTL_SECONDS', 600, { min: 1, max: 86_400 }),
  };
  env.done();
  return config;
}
