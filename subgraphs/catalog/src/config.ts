import type { Env } from '../../../platform/config';
import { readSubgraphConfig, type SubgraphConfig } from '../../../platform/subgraph-config';

export interface CatalogConfig extends SubgraphConfig {
  /** How long a product or the category tree stays in the Redis cache when nothing changes (seconds). */
  cacheTtlSeconds: number;
  /** Prefix of this deployment's cache keys in Redis (tests give each database its own). */
  cacheNamespace: string;
  /** A stock reservation's time to live when the caller gives none (seconds). */
  reservationTtlSeconds: number;
  /** How often held reservations past their expiry are looked for and released (ms); 0 = never. */
  reservationSweepMs: number;
}

/** The catalog's own settings (ports, database and common settings are the platform's). */
export function readCatalogSettings(env: Env): Omit<CatalogConfig, keyof SubgraphConfig> {
  return {
    cacheTtlSeconds: env.int('CATALOG_CACHE_TTL_SECONDS', 300, { min: 1, max: 86_400 }),
    cacheNamespace: env.string('CATALOG_CACHE_NAMESPACE', 'catalog'),
    reservationTtlSeconds: env.int('STOCK_RESERVATION_TTL_SECONDS', 600, { min: 1, max: 86_400 }),
    reservationSweepMs: env.int('STOCK_RESERVATION_SWEEP_MS', 60_000, { min: 0, max: 86_400_000 }),
  };
}

export const readCatalogConfig = (source: NodeJS.ProcessEnv = process.env): CatalogConfig => readSubgraphConfig('catalog', source, readCatalogSettings);
