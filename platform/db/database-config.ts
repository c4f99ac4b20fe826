import type { Env } from '../config';
import type { DatabaseConfig } from './data-source';

/**
 * A subgraph's database addresses: `<NAME>_DATABASE_URL` (or `DATABASE_URL`) for the primary and
 * `<NAME>_DATABASE_REPLICA_URLS` (or `DATABASE_REPLICA_URLS`), comma-separated, for the replicas.
 */
export function readDatabaseConfig(env: Env, subgraph: string, devDefault: string): DatabaseConfig {
  const prefix = subgraph.toUpperCase();
  return {
    primaryUrl: env.url([`${prefix}_DATABASE_URL`, 'DATABASE_URL'], devDefault, ['postgres', 'postgresql']),
    replicaUrls: env.urls([`${prefix}_DATABASE_REPLICA_URLS`, 'DATABASE_REPLICA_URLS'], ['postgres', 'postgresql']),
    poolSize: env.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
  };
}
