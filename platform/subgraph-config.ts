import { Env, readCommonConfig, type CommonConfig } from './config';
import type { DatabaseConfig } from './db/data-source';
import { readDatabaseConfig } from './db/database-config';
import { envPrefix, registeredSubgraph, type SubgraphName } from '../subgraphs/registry';

export interface SubgraphConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
}

/** A subgraph's own settings on top of SubgraphConfig. */
export type Own<T, Base> = Omit<T, keyof Base>;

/**
 * Settings every subgraph has: `<NAME>_PORT` and `<NAME>_WORKER_PORT` (defaults from
 * subgraphs/registry.ts), its database (`<NAME>_DATABASE_URL`…) and the common settings, plus the
 * subgraph's own.
 */
export function readSubgraphConfig<C extends SubgraphConfig>(
  name: SubgraphName,
  source: NodeJS.ProcessEnv = process.env,
  own?: (env: Env, common: CommonConfig) => Own<C, SubgraphConfig>,
): C {
  const env = new Env(source);
  const common = readCommonConfig(env);
  const entry = registeredSubgraph(name);
  const prefix = envPrefix(name);
  const config = {
    ...common,
    port: env.int(`${prefix}_PORT`, entry.port, { min: 1, max: 65535 }),
    workerPort: env.int(`${prefix}_WORKER_PORT`, entry.workerPort, { min: 1, max: 65535 }),
    database: readDatabaseConfig(env, name, `postgres://postgres@127.0.0.1:5433/${entry.database}`),
    ...own?.(env, common),
  } as C;
  env.done();
  return config;
}
