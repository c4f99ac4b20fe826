import { Env, readCommonConfig, type CommonConfig } from '../../platform/config';

export const SUBGRAPHS = ['users'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export interface GatewayConfig extends CommonConfig {
  port: number;
  host: string;
  supergraphPath: string;
  /** Where each subgraph answers; the supergraph's own URLs when unset. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** How long the gateway keeps a user's last write position, to route their reads. */
  consistencyWindowSeconds: number;
}

export function readGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = new Env(source);
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  for (const name of SUBGRAPHS) {
    const url = env.optional(`${name.toUpperCase()}_URL`);
    if (url) subgraphUrls[name] = env.url(`${name.toUpperCase()}_URL`, undefined, ['http', 'https']);
  }
  const config: GatewayConfig = {
    ...readCommonConfig(env),
    port: env.int('GATEWAY_PORT', 4000, { min: 1, max: 65535 }),
    host: env.string('HOST', '127.0.0.1'),
    supergraphPath: env.string('SUPERGRAPH_PATH', `${__dirname}/../../${__dirname.includes('/dist/') ? '../' : ''}schema/supergraph.graphql`),
    subgraphUrls,
    consistencyWindowSeconds: env.int('CONSISTENCY_WINDOW_SECONDS', 60, { min: 1, max: 3600 }),
  };
  env.done();
  return config;
}
