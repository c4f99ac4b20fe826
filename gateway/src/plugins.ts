import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { graphqlMetricsPlugin } from '../../platform/http/metrics';
import type { Logger } from '../../platform/logger';
import type { GatewayConfig } from './config';
import { consistencyPlugin } from './consistency.plugin';
import { ConsistencyTokens } from './consistency-token';
import type { GatewayContext } from './gateway-context';
import { gatewayMetricsPlugin } from './metrics/gateway-metrics.plugin';
import { authLimitsPlugin } from './rate-limit/auth-limits.plugin';
import { rateLimitPlugin } from './rate-limit/rate-limit.plugin';
import { httpCachePolicy } from './response-cache/http-cache-policy.plugin';
import { responseCache } from './response-cache/response-cache.plugin';
import { operationSpanPlugin } from './tracing/operation-span.plugin';

/** The gateway's Apollo Server plugins, in the order their hooks should run. */
export function gatewayPlugins(config: GatewayConfig, redis: Redis, log: Logger, supergraphSdl: string, cacheRedis: Redis = redis): ApolloServerPlugin<GatewayContext>[] {
  // instances of one deployment (same supergraph, same subgraphs) share cached responses; a new
  // supergraph starts with an empty cache
  const namespace = createHash('sha256').update(supergraphSdl).update(JSON.stringify(config.subgraphUrls)).digest('hex').slice(0, 16);
  return [
    // GraphiQL is served by the gateway's own routes; Apollo's landing pages load from a CDN
    ApolloServerPluginLandingPageDisabled(),
    graphqlMetricsPlugin<GatewayContext>('gateway'),
    gatewayMetricsPlugin(),
    operationSpanPlugin(),
    ...(config.rateLimit.enabled ? [rateLimitPlugin({ redis, config: config.rateLimit, log, maxCost: config.limits.maxCost })] : []),
    authLimitsPlugin({ redis, config: config.authLimits, keyPrefix: config.rateLimit.keyPrefix, log }),
    ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
    httpCachePolicy(),
    ...(config.responseCache.enabled ? [responseCache({ redis, log, namespace, cacheRedis })] : []),
    consistencyPlugin(redis, config.consistencyWindowSeconds, new ConsistencyTokens(config.internalSecret, config.consistencyWindowSeconds)),
  ];
}
