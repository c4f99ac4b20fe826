import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

interface PgPool {
  connect(): Promise<unknown>;
}
interface PostgresDriverInternals {
  postgres: { Pool: new (options: object) => PgPool };
  createPool(options: object, credentials: object): Promise<PgPool>;
}

/**
 * TypeORM opens one connection to every server when the DataSource initialises and fails if a
 * replica does not answer. A replica that is down must not keep a subgraph from starting: its
 * pool is kept (it connects on a later read, and RequestDb falls back to the primary meanwhile).
 * The primary still has to answer.
 */
export function startWithoutReplicas(dataSource: DataSource, primaryUrl: string, name: string, log: Logger): void {
  const driver = dataSource.driver as unknown as PostgresDriverInternals;
  const original = driver.createPool.bind(driver);
  const Pool = driver.postgres.Pool;
  let created: PgPool | undefined;
  driver.postgres = Object.assign(Object.create(driver.postgres) as object, {
    // called with `new`: the object a constructor function returns is the result
    Pool: function RecordedPool(options: object) {
      created = new Pool(options);
      return created;
    },
  }) as PostgresDriverInternals['postgres'];
  driver.createPool = (options, credentials) => {
    created = undefined;
    const pending = original(options, credentials);
    // the pool is constructed synchronously inside createPool, before its first connection
    const pool = created;
    if ((credentials as { url?: string }).url === primaryUrl || !pool) return pending;
    return pending.catch((error: unknown) => {
      log.warn({ database: name, err: error }, 'replica not reachable at start: reads use the primary until it answers');
      return pool;
    });
  };
}
