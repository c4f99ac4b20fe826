import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { Logger } from '../logger';
import { trackPool } from './pool-metrics';
import { StatementLog } from './statement-log';

export interface DatabaseConfig {
  /** The primary: every write and transaction. */
  primaryUrl: string;
  /** Streaming replicas for reads; reads use the primary when empty. */
  replicaUrls: string[];
  poolSize: number;
}

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
}

/** A TypeORM DataSource on the primary and its replicas. Nothing is synchronised: migrations own the schema. */
export function createDatabase(options: DataSourceOptions): Database {
  const { db } = options;
  const statements = new StatementLog(options.name, options.log);
  const extra = { max: db.poolSize, idleTimeoutMillis: 30_000, application_name: options.name };
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
  trackPool(options.name, dataSource);
  return { dataSource, statements, hasReplicas: db.replicaUrls.length > 0 };
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
