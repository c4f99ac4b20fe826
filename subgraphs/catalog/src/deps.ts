import type { SubgraphDeps } from '../../../platform/subgraph';
import { CatalogCache } from './cache/catalog-cache';
import type { CatalogConfig } from './config';

/** What the catalog subgraph's processes are built from: the shared dependencies and the catalog cache. */
export interface CatalogDeps extends SubgraphDeps<CatalogConfig> {
  cache: CatalogCache;
}

/** The catalog cache, on the subgraph's Redis connection. */
export function catalogCache({ redis, config, log }: SubgraphDeps<CatalogConfig>): Pick<CatalogDeps, 'cache'> {
  return { cache: new CatalogCache(redis, config.cacheNamespace, config.cacheTtlSeconds, log) };
}
