import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../logger';
import { trackPool } from './pool-metrics';
import { ReplicaSet } from './replica-set';
import { RETRY_DEFAULTS, type RetryPolicy } from './retry';
import { startWithoutReplicas } from './lenient-replicas';
import { StatementLog } from './statement-log';

export interface DatabaseConfig {
  /** The primary: every write and transaction. */
  primaryUrl: string;
  /** Streaming replicas for reads; reads use the primary when empty. */
  replicaUrls: string[];
  poolSize: number;
  /** Longest statement (`statement_timeout`); default 15 s. */
  statementTimeoutMs?: number;
  /** Longest wait for a lock (`lock_timeout`); default 5 s. */
  lockTimeoutMs?: number;
  /** Longest idle time inside an open transaction (`idle_in_transaction_session_timeout`); default 30 s. */
  idleTxTimeoutMs?: number;
  /** Longest wait for a new connection; default 5 s. */
  connectTimeoutMs?: number;
  /** After a replica could not be reached, reads skip it for this long; default 5 s. */
  replicaRetryMs?: number;
  /** A replica behind its primary by more than this is skipped until it catches up; default 5 s. */
  replicaMaxLagMs?: number;
  /** How often each process measures its replicas' lag; default 1 s. */
  replicaCheckMs?: number;
  /** Longest wait of a `visibleToAll` commit for a synchronous replica; then it completes locally. Default 1 s. */
  visibleWaitMs?: number;
  /** Retries of reads and of write transactions after a retryable error (see retry.ts). */
  retry?: Partial<RetryPolicy>;
}

export const DATABASE_TIMEOUT_DEFAULTS = { statementTimeoutMs: 15_000, lockTimeoutMs: 5_000, idleTxTimeoutMs: 30_000, connectTimeoutMs: 5_000 };

export interface DataSourceOptions {
  name: string;
  db: DatabaseConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  log: Logger;
}

export interface Database {
  name: string;
  dataSource: DataSource;
  statements: StatementLog;
  hasReplicas: boolean;
  /** Which replica a read may use: reachable, not lagging, at the caller's position. */
  replicas: ReplicaSet;
  retry: RetryPolicy;
  visibleWaitMs: number;
  log: Logger;
  /**
   * Publishes the WAL position of a `visibleToAll` commit as this database's global position
   * (every reader's requests carry it; set by the subgraph runtime, see global-position.ts).
   */
  announceVisible?: (lsn: string) => Promise<void>;
}

/** A TypeORM DataSource on the primary and its replicas. Nothing is synchronised: migrations own the schema. */
export function createDatabase(options: DataSourceOptions): Database {
  const { db } = options;
  const statements = new StatementLog(options.name, options.log);
  const timeouts = { ...DATABASE_TIMEOUT_DEFAULTS, ...definedOnly(db) };
  // set by pg at connection start on every connection of both pools: a runaway statement, a lock
  // wait or a forgotten transaction ends with an error and its connection goes back to the pool
  const extra = {
    max: db.poolSize,
    idleTimeoutMillis: 30_000,
    application_name: options.name,
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleTxTimeoutMs,
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
  };
  const dataSource = new DataSource({
    type: 'postgres',
    replication: {
      master: { url: db.primaryUrl },
      slaves: (db.replicaUrls.length ? db.replicaUrls : [db.primaryUrl]).map((url) => ({ url })),
    },
    extra,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    logger: statements,
    maxQueryExecutionTime: 1000,
  });
  if (db.replicaUrls.length) startWithoutReplicas(dataSource, db.primaryUrl, options.name, options.log);
  trackPool(options.name, dataSource);
  const replicas = new ReplicaSet(dataSource, options.name, db.replicaUrls.length, options.log, {
    retryMs: db.replicaRetryMs ?? 5_000,
    maxLagMs: db.replicaMaxLagMs ?? 5_000,
    checkEveryMs: db.replicaCheckMs ?? 1_000,
  });
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = () => {
    replicas.stop();
    return destroy();
  };
  return {
    name: options.name,
    dataSource,
    statements,
    hasReplicas: db.replicaUrls.length > 0,
    replicas,
    retry: { ...RETRY_DEFAULTS, ...db.retry },
    visibleWaitMs: db.visibleWaitMs ?? 1_000,
    log: options.log,
  };
}

function definedOnly(db: DatabaseConfig): Partial<typeof DATABASE_TIMEOUT_DEFAULTS> {
  const picked: Partial<typeof DATABASE_TIMEOUT_DEFAULTS> = {};
  for (const key of Object.keys(DATABASE_TIMEOUT_DEFAULTS) as (keyof typeof DATABASE_TIMEOUT_DEFAULTS)[]) {
    if (db[key] !== undefined) picked[key] = db[key];
  }
  return picked;
}

const MIGRATION_LOCK = 727_001;

/** Runs pending migrations once, even when several processes of a subgraph start together. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner('master');
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
