import { Env, readCommonConfig, type CommonConfig } from '../../platform/config';
import { readLimitsConfig, type LimitsConfig } from './limits/limits.config';
import { readPersistedQueriesConfig, type PersistedQueriesConfig } from './persisted-queries/persisted-queries.config';
import { readPlaygroundConfig, type PlaygroundConfig } from './playground/playground.config';
import { readRateLimitConfig, type RateLimitConfig } from './rate-limit/rate-limit.config';
import { readResponseCacheConfig, type ResponseCacheConfig } from './response-cache/response-cache.config';

export const SUBGRAPHS = ['users', 'catalog', 'cart'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface GatewayConfig extends CommonConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Where each subgraph answers; the supergraph's own URLs when unset. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** How long the gateway keeps a user's last write position, to route their reads. */
  consistencyWindowSeconds: number;
  playground: PlaygroundConfig;
  limits: LimitsConfig;
  persistedQueries: PersistedQueriesConfig;
  rateLimit: RateLimitConfig;
  responseCache: ResponseCacheConfig;
}

export function readGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = new Env(source);
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  for (const name of SUBGRAPHS) {
    const url = env.optional(`${name.toUpperCase()}_URL`);
    if (url) subgraphUrls[name] = env.url(`${name.toUpperCase()}_URL`, undefined, ['http', 'https']);
  }
  const common = readCommonConfig(env);
  const config: GatewayConfig = {
    ...common,
    port: env.int('GATEWAY_PORT', 4000, { min: 1, max: 65535 }),
    host: env.string('HOST', '127.0.0.1'),
    supergraphPath: env.string('SUPERGRAPH_PATH', `${__dirname}/../../${__dirname.includes('/dist/') ? '../' : ''}schema/supergraph.graphql`),
    subgraphUrls,
    consistencyWindowSeconds: env.int('CONSISTENCY_WINDOW_SECONDS', 60, { min: 1, max: 3600 }),
    playground: readPlaygroundConfig(env, common.production),
    limits: readLimitsConfig(env, common.production),
    persistedQueries: readPersistedQueriesConfig(env),
    rateLimit: readRateLimitConfig(env, common.production),
    responseCache: readResponseCacheConfig(env),
  };
  env.done();
  return config;
}
