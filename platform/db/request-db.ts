import type { EntityManager, QueryRunner } from 'typeorm';
import type { Database } from './data-source';
import { isLsn, maxLsn } from './lsn';

/**
 * The database as one request sees it.
 *
 * - `read` runs on a replica. When the caller carries a consistency token (the primary's WAL
 *   position after its last write), a replica that has not replayed that far is skipped and the
 *   read goes to the primary: the caller always reads its own writes.
 * - `write` runs a transaction on the primary and remembers the WAL position after the commit,
 *   which the server hands back to the gateway as the next consistency token.
 * - A replica that cannot be reached (refused, or no connection within the connect timeout) sends
 *   the read to the primary and opens the database's replica breaker (see ReplicaBreaker).
 * Query runners are released in every path.
 */
export class RequestDb {
  /** WAL position after this request's last commit. */
  committedLsn: string | undefined;
  private replicaBehind = false;

  constructor(
    private readonly database: Database,
    private readonly minLsn?: string,
    private readonly options: { noteCommits?: boolean } = {},
  ) {}

  async read<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.withRunner(await this.readRunner(), fn);
  }

  /** Reads on the primary, outside a transaction: for checks that must not lag (credentials, tokens). */
  async readPrimary<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.withRunner(this.database.dataSource.createQueryRunner('master'), fn);
  }

  private async withRunner<T>(runner: QueryRunner, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await fn(runner.manager);
    } finally {
      await runner.release();
    }
  }

  /**
   * With `visibleToAll`, the commit returns only once the synchronous replica has applied it, so
   * every reader, with or without a consistency token, sees the change (prices, stock). It needs
   * `synchronous_standby_names` on the primary; without a synchronous standby it is a plain commit.
   */
  async write<T>(fn: (manager: EntityManager) => Promise<T>, options: { visibleToAll?: boolean } = {}): Promise<T> {
    const result = await this.database.dataSource.transaction(async (manager) => {
      if (options.visibleToAll) await manager.query('SET LOCAL synchronous_commit = remote_apply');
      return fn(manager);
    });
    if (this.options.noteCommits ?? true) await this.noteCommit();
    return result;
  }

  /** Records the primary's WAL position: call after a write made outside `write`. */
  async noteCommit(): Promise<void> {
    const [row] = await this.database.dataSource.query('SELECT pg_current_wal_lsn()::text AS lsn');
    this.committedLsn = maxLsn(this.committedLsn, row?.lsn);
  }

  private async readRunner(): Promise<QueryRunner> {
    const { dataSource, hasReplicas } = this.database;
    const wanted = maxLsn(this.minLsn, this.committedLsn);
    if (!hasReplicas || this.replicaBehind || !this.database.replicaBreaker.allows()) return dataSource.createQueryRunner('master');
    const runner = dataSource.createQueryRunner('slave');
    try {
      await runner.connect();
      this.database.replicaBreaker.recovered();
    } catch (error) {
      // a replica that refuses or does not answer in time: this read and the next ones use the primary
      await runner.release().catch(() => undefined);
      this.database.replicaBreaker.failed(error);
      this.replicaBehind = true;
      return dataSource.createQueryRunner('master');
    }
    if (!isLsn(wanted)) return runner;
    try {
      const [row] = await runner.query(
        'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) AS caught_up',
        [wanted],
      );
      if (row?.caught_up) return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
    await runner.release();
    this.replicaBehind = true;
    return dataSource.createQueryRunner('master');
  }
}
