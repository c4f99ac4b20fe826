import { Env, readCommonConfig, type CommonConfig } from '../../platform/config';
import { readLimitsConfig, type LimitsConfig } from './limits/limits.config';
import { readPersistedQueriesConfig, type PersistedQueriesConfig } from './persisted-queries/persisted-queries.config';
import { readPlaygroundConfig, type PlaygroundConfig } from './playground/playground.config';
import { readAuthLimitsConfig, type AuthLimitsConfig } from './rate-limit/auth-limits.config';
import { readRateLimitConfig, type RateLimitConfig } from './rate-limit/rate-limit.config';
import { readResponseCacheConfig, type ResponseCacheConfig } from './response-cache/response-cache.config';
import { envPrefix, SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/registry';

export type { SubgraphName };

export interface GatewayConfig extends CommonConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Where each subgraph answers; the supergraph's own URLs when unset. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Timeouts, sockets and circuit breaking of the calls to subgraphs. */
  subgraphCalls: SubgraphCallsConfig;
  /** How long the gateway keeps a user's last write position, to route their reads. */
  consistencyWindowSeconds: number;
  playground: PlaygroundConfig;
  limits: LimitsConfig;
  persistedQueries: PersistedQueriesConfig;
  rateLimit: RateLimitConfig;
  responseCache: ResponseCacheConfig;
  authLimits: AuthLimitsConfig;
  /** The Redis of the caches (APQ, response cache): may be a separate, bounded (allkeys-lru) one. */
  cacheRedisUrl: string;
  /** Where /metrics and the detailed /readyz answer: an operations port, not the public one. */
  opsPort: number;
  opsHost: string;
  /** Browser origins allowed to call the API cross-origin (CORS); none by default. */
  corsOrigins: string[];
}

export interface SubgraphCallsConfig {
  /** Longest wait for a subgraph's answer, per subgraph (`<NAME>_TIMEOUT_MS`, default SUBGRAPH_TIMEOUT_MS). */
  timeoutMs: Record<SubgraphName, number>;
  /** Most sockets open to one subgraph (SUBGRAPH_CONNECTIONS). */
  connections: number;
  /** Consecutive failures that open a subgraph's breaker (SUBGRAPH_BREAKER_FAILURES; 0 = never). */
  breakerFailures: number;
  /** How long an open breaker fails calls at once (SUBGRAPH_BREAKER_OPEN_MS). */
  breakerOpenMs: number;
}

function readSubgraphCallsConfig(env: Env): SubgraphCallsConfig {
  const fallback = env.int('SUBGRAPH_TIMEOUT_MS', 10_000, { min: 1, max: 600_000 });
  const timeoutMs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, env.int(`${envPrefix(name)}_TIMEOUT_MS`, fallback, { min: 1, max: 600_000 })]),
  ) as Record<SubgraphName, number>;
  return {
    timeoutMs,
    connections: env.int('SUBGRAPH_CONNECTIONS', 128, { min: 1, max: 10_000 }),
    breakerFailures: env.int('SUBGRAPH_BREAKER_FAILURES', 5, { min: 0, max: 10_000 }),
    breakerOpenMs: env.int('SUBGRAPH_BREAKER_OPEN_MS', 5_000, { min: 1, max: 600_000 }),
  };
}

export function readGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = new Env(source);
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const variable = `${envPrefix(name)}_URL`;
    if (env.optional(variable)) subgraphUrls[name] = env.url(variable, undefined, ['http', 'https']);
  }
  const common = readCommonConfig(env);
  const config: GatewayConfig = {
    ...common,
    port: env.int('GATEWAY_PORT', 4000, { min: 1, max: 65535 }),
    host: env.string('HOST', '127.0.0.1'),
    supergraphPath: env.string('SUPERGRAPH_PATH', `${__dirname}/../../${__dirname.includes('/dist/') ? '../' : ''}schema/supergraph.graphql`),
    subgraphUrls,
    subgraphCalls: readSubgraphCallsConfig(env),
    consistencyWindowSeconds: env.int('CONSISTENCY_WINDOW_SECONDS', 60, { min: 1, max: 3600 }),
    playground: readPlaygroundConfig(env, common.production),
    limits: readLimitsConfig(env, common.production),
    persistedQueries: readPersistedQueriesConfig(env, common.production),
    rateLimit: readRateLimitConfig(env, common.production),
    responseCache: readResponseCacheConfig(env),
    authLimits: readAuthLimitsConfig(env, common.production),
    corsOrigins: env.urls('CORS_ORIGINS', ['http', 'https']),
    opsPort: env.int('GATEWAY_OPS_PORT', 4090, { min: 1, max: 65535 }),
    opsHost: env.string('GATEWAY_OPS_HOST', '127.0.0.1'),
    cacheRedisUrl: env.optional('CACHE_REDIS_URL') ? env.url('CACHE_REDIS_URL', undefined, ['redis', 'rediss']) : common.redisUrl,
  };
  env.done();
  return config;
}
