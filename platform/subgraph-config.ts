import { Env, readCommonConfig, type CommonConfig } from './config';
import type { DatabaseConfig } from './db/data-source';
import { readDatabaseConfig } from './db/database-config';
import { defaultSubgraphUrl, envPrefix, registeredSubgraph, SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/registry';

export interface SubgraphConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
  /** Where the other subgraphs answer (`<NAME>_URL`, default their registered port), for its service client. */
  serviceUrls: Partial<Record<SubgraphName, string>>;
  /** QUEUE_PREFIX: the BullMQ key prefix of its worker (BullMQ's `bull` when unset), to share one Redis between separate runs. */
  queuePrefix?: string;
  /** QUEUE_LOCK_MS: how long a job's lock lasts unrenewed; a dead worker's jobs are redelivered within about twice this (default 30 s). */
  queueLockMs?: number;
}

/** A subgraph's own settings on top of SubgraphConfig. */
export type Own<T, Base> = Omit<T, keyof Base>;

/**
 * Settings every subgraph has: `<NAME>_PORT` and `<NAME>_WORKER_PORT` (defaults from
 * subgraphs/registry.ts), its database (`<NAME>_DATABASE_URL`…) and the common settings, plus the
 * subgraph's own. `<OTHER>_URL` says where each other registered subgraph answers; `QUEUE_PREFIX`
 * the BullMQ key prefix.
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
    database: readDatabaseConfig(env, prefix, `postgres://postgres@127.0.0.1:5433/${entry.database}`),
    serviceUrls: Object.fromEntries(
      SUBGRAPH_NAMES.filter((other) => other !== name).map((other) => [other, env.url(`${envPrefix(other)}_URL`, defaultSubgraphUrl(other), ['http', 'https'])]),
    ),
    queuePrefix: env.optional('QUEUE_PREFIX'),
    queueLockMs: env.optional('QUEUE_LOCK_MS') ? env.int('QUEUE_LOCK_MS', 30_000, { min: 1000, max: 600_000 }) : undefined,
    ...own?.(env, common),
  } as C;
  env.done();
  return config;
}
