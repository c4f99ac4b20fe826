import type Redis from 'ioredis';

/**
 * The catalog's cache generation in Redis. The catalog subgraph increments it after every change
 * that readers may have cached (price, stock, status, categories, reviews) and before the mutation
 * answers. The gateway puts it in every response
 * cache key, so a change makes every earlier cached response unreachable at once.
 */
export const CATALOG_VERSION_KEY = 'catalog:version';

/** The current generation; undefined when Redis does not answer (then nothing is cached). */
export async function catalogVersion(redis: Redis): Promise<string | undefined> {
  if (redis.status !== 'ready') return undefined;
  try {
    return (await redis.get(CATALOG_VERSION_KEY)) ?? '0';
  } catch {
    return undefined;
  }
}
