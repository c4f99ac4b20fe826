import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type Redis from 'ioredis';
import type { Logger } from '../../../platform/logger';
import { RedisKeyValueCache } from '../cache/redis-key-value-cache';
import type { GatewayContext } from '../gateway-context';
import { catalogVersion } from '../../../platform/cache/catalog-version';

/** Per request: the catalog generation read for this request's cache key. */
const versions = new WeakMap<object, string | undefined>();

const anonymous = (rc: GraphQLRequestContext<GatewayContext>) => !rc.contextValue.identity;

/**
 * Whole-response cache for anonymous queries, in Redis (shared by every gateway instance), for as
 * long as the subgraphs' cache hints allow (a response is cached only when every field it read is
 * publicly cacheable: user data has no hint, so maxAge 0, so never cached). Signed-in requests
 * neither read nor fill it. The key holds the operation, its variables and the catalog generation;
 * `namespace` keeps apart deployments that share a Redis (another supergraph or other subgraphs).
 */
export function responseCache(deps: { redis: Redis; log: Logger; namespace: string; cacheRedis?: Redis }): ApolloServerPlugin<GatewayContext> {
  // the entries may live in a separate, bounded Redis; the catalog generation is read from the main one
  const cache = new RedisKeyValueCache(deps.cacheRedis ?? deps.redis, `response-cache:${deps.namespace}:`, deps.log);
  return responseCachePlugin<GatewayContext>({
    cache,
    // no per-session entries: only anonymous requests use the cache at all
    sessionId: async () => null,
    async extraCacheKeyData(rc) {
      if (!anonymous(rc)) return null;
      const version = await catalogVersion(deps.redis);
      versions.set(rc.contextValue, version);
      return { catalog: version };
    },
    shouldReadFromCache: async (rc) => anonymous(rc) && versions.get(rc.contextValue) !== undefined,
    shouldWriteToCache: async (rc) => anonymous(rc) && versions.get(rc.contextValue) !== undefined,
  });
}
