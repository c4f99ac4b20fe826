import type { Env } from '../config';
import { DATABASE_TIMEOUT_DEFAULTS, type DatabaseConfig } from './data-source';
import { RETRY_DEFAULTS } from './retry';

/**
 * A subgraph's database addresses: `<PREFIX>_DATABASE_URL` (or `DATABASE_URL`) for the primary and
 * `<PREFIX>_DATABASE_REPLICA_URLS` (or `DATABASE_REPLICA_URLS`), comma-separated, for the replicas;
 * `prefix` is the subgraph's variable prefix (`order-history` → `ORDER_HISTORY`).
 */
export function readDatabaseConfig(env: Env, prefix: string, devDefault: string): DatabaseConfig {
  return {
    primaryUrl: env.url([`${prefix}_DATABASE_URL`, 'DATABASE_URL'], devDefault, ['postgres', 'postgresql']),
    replicaUrls: env.urls([`${prefix}_DATABASE_REPLICA_URLS`, 'DATABASE_REPLICA_URLS'], ['postgres', 'postgresql']),
    poolSize: env.int('DATABASE_POOL_SIZE', 10, { min: 1, max: 200 }),
    statementTimeoutMs: env.int('DATABASE_STATEMENT_TIMEOUT_MS', DATABASE_TIMEOUT_DEFAULTS.statementTimeoutMs, { min: 0, max: 3_600_000 }),
    lockTimeoutMs: env.int('DATABASE_LOCK_TIMEOUT_MS', DATABASE_TIMEOUT_DEFAULTS.lockTimeoutMs, { min: 0, max: 3_600_000 }),
    idleTxTimeoutMs: env.int('DATABASE_IDLE_TX_TIMEOUT_MS', DATABASE_TIMEOUT_DEFAULTS.idleTxTimeoutMs, { min: 0, max: 3_600_000 }),
    replicaRetryMs: env.int('DATABASE_REPLICA_RETRY_MS', 5_000, { min: 0, max: 600_000 }),
    replicaMaxLagMs: env.int('DATABASE_REPLICA_MAX_LAG_MS', 5_000, { min: 100, max: 3_600_000 }),
    replicaCheckMs: env.int('DATABASE_REPLICA_CHECK_MS', 1_000, { min: 50, max: 600_000 }),
    visibleWaitMs: env.int('DATABASE_VISIBLE_WAIT_MS', 1_000, { min: 10, max: 600_000 }),
    retry: {
      attempts: env.int('DATABASE_RETRY_ATTEMPTS', RETRY_DEFAULTS.attempts, { min: 1, max: 20 }),
      baseDelayMs: env.int('DATABASE_RETRY_BASE_MS', RETRY_DEFAULTS.baseDelayMs, { min: 1, max: 60_000 }),
      maxDelayMs: env.int('DATABASE_RETRY_MAX_MS', RETRY_DEFAULTS.maxDelayMs, { min: 1, max: 600_000 }),
    },
    connectTimeoutMs: env.int('DATABASE_CONNECT_TIMEOUT_MS', DATABASE_TIMEOUT_DEFAULTS.connectTimeoutMs, { min: 0, max: 600_000 }),
  };
}
