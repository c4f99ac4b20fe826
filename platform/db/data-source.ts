import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../logger';
import { trackPool } from './pool-metrics';
import { ReplicaBreaker } from './replica-breaker';
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
  /** After a replica could not be reached, reads use the primary for this long; default 5 s. */
  replicaRetryMs?: number;
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
  dataSource: DataSource;
  statements: StatementLog;
  hasReplicas: boolean;
  /** Open while the replicas cannot be reached: reads go to the primary. */
  replicaBreaker: ReplicaBreaker;
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
  const replicaBreaker = new ReplicaBreaker(options.name, options.log, db.replicaRetryMs ?? 5_000);
  return { dataSource, statements, hasReplicas: db.replicaUrls.length > 0, replicaBreaker };
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
