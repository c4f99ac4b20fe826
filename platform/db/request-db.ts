import { QueryRunnerAlreadyReleasedError, type EntityManager, type QueryRunner } from 'typeorm';
import type { Database } from './data-source';
import { localVisiblePosition, noteLocalVisible } from './global-position';
import { isLsn, maxLsn } from './lsn';
import { connectFailure, countFallback, type FallbackReason } from './replica-set';
import { AmbiguousCommitError, countAmbiguous, retryableReason, rolledBack, withRetry } from './retry';
import { limitSyncWait } from './visible-commit';

export interface WriteOptions {
  /**
   * Every reader, with or without a consistency token, must see the change once the write
   * returns (prices, stock): the commit waits (at most `DATABASE_VISIBLE_WAIT_MS`) for a
   * synchronous replica to apply it, and its WAL position is announced as the database's global
   * position (see Database.announceVisible), which readers carry so a replica behind it is skipped.
   */
  visibleToAll?: boolean;
  /** False: never run `fn` twice (it has effects outside this database). Default true. */
  retry?: boolean;
}

/**
 * The database as one request sees it.
 *
 * - `read` runs on a replica: one of those reachable and not lagging (ReplicaSet), the same one
 *   for the whole request. When the caller carries a consistency token (a WAL position of this
 *   database), a replica that has not replayed that far is passed over; with none left the read
 *   goes to the primary, and so do the request's later reads: the caller always reads its own writes.
 *   A visible-to-all commit made in this process counts as every reader's position for a while
 *   (global-position.ts), as the gateway's global position does across processes.
 * - `write` runs a transaction on the primary and remembers the WAL position after the commit,
 *   which the server hands back to the gateway as the next consistency token.
 * - Retries: a read that fails with a retryable error (connection lost or refused, 57P01/57P02/
 *   57P03, 40001, 40P01) is run again with backoff and jitter, bounded (`DATABASE_RETRY_*`). A
 *   write is run again when it failed before its COMMIT was sent, or was rolled back as a
 *   serialization failure or deadlock. A connection lost during COMMIT is ambiguous — the
 *   transaction may have committed — and is thrown as AmbiguousCommitError, never retried here.
 * Query runners are released in every path.
 */
export class RequestDb {
  /** WAL position after this request's last commit. */
  committedLsn: string | undefined;
  /** The replica this request reads from, or `primary` once a read had to leave the replicas. */
  private replica: number | 'primary' | undefined;

  constructor(
    private readonly database: Database,
    private readonly minLsn?: string,
    private readonly options: { noteCommits?: boolean } = {},
  ) {}

  read<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withRetry(this.what('read'), this.database.retry, async () => this.withRunner(await this.readRunner(), fn));
  }

  /** Reads on the primary, outside a transaction: for checks that must not lag (credentials, tokens). */
  readPrimary<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    return withRetry(this.what('read'), this.database.retry, () => this.withRunner(this.database.dataSource.createQueryRunner('master'), fn));
  }

  private async withRunner<T>(runner: QueryRunner, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await fn(runner.manager);
    } finally {
      await runner.release();
    }
  }

  /** A transaction on the primary; see WriteOptions and the retry rules above. */
  async write<T>(fn: (manager: EntityManager) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const policy = options.retry === false ? { ...this.database.retry, attempts: 1 } : this.database.retry;
    const { result, lsn } = await withRetry(this.what('write'), policy, () => this.transactionOnce(fn, options), (error) =>
      error instanceof AmbiguousCommitError ? undefined : retryableReason(error),
    );
    if (options.visibleToAll && lsn) {
      noteLocalVisible(this.database.name, lsn);
      await this.database.announceVisible?.(lsn);
    }
    if (this.options.noteCommits ?? true) {
      if (lsn) this.committedLsn = maxLsn(this.committedLsn, lsn);
      else await this.noteCommit();
    }
    return result;
  }

  /** Records the primary's WAL position: call after a write made outside `write`. */
  async noteCommit(): Promise<void> {
    const [row] = await this.readPrimary((m) => m.query('SELECT pg_current_wal_lsn()::text AS lsn'));
    this.committedLsn = maxLsn(this.committedLsn, row?.lsn);
  }

  private async transactionOnce<T>(fn: (manager: EntityManager) => Promise<T>, options: WriteOptions): Promise<{ result: T; lsn?: string }> {
    const runner = this.database.dataSource.createQueryRunner('master');
    let committing = false;
    let endWait: (() => void) | undefined;
    try {
      await runner.connect();
      await runner.startTransaction();
      let pid: number | undefined;
      if (options.visibleToAll) {
        const [row] = await runner.query(`SELECT pg_backend_pid() AS pid, set_config('synchronous_commit', 'remote_apply', true)`);
        pid = row?.pid;
      }
      const result = await fn(runner.manager);
      // TypeORM releases a runner whose connection failed: then COMMIT was never sent
      if (runner.isReleased) throw new Error('Connection terminated before COMMIT was sent');
      committing = true;
      if (pid) endWait = limitSyncWait(this.database, pid);
      await runner.commitTransaction();
      endWait?.();
      const wantLsn = options.visibleToAll || (this.options.noteCommits ?? true);
      const lsn = wantLsn ? await runner.query('SELECT pg_current_wal_lsn()::text AS lsn').then((rows) => rows[0]?.lsn as string, () => undefined) : undefined;
      return { result, lsn: isLsn(lsn) ? lsn : undefined };
    } catch (error) {
      endWait?.();
      if (!committing && runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      const unsent = error instanceof QueryRunnerAlreadyReleasedError;
      if (committing && !unsent && !rolledBack(error) && retryableReason(error)) {
        countAmbiguous(this.database.name, error);
        this.database.log.warn({ database: this.database.name, err: error }, 'connection lost during COMMIT: the transaction may have committed');
        throw new AmbiguousCommitError(error);
      }
      if (unsent) throw new Error('Connection terminated before COMMIT was sent', { cause: error });
      throw error;
    } finally {
      await runner.release();
    }
  }

  private what(kind: 'read' | 'write') {
    return { database: this.database.name, kind, log: this.database.log };
  }

  private async readRunner(): Promise<QueryRunner> {
    const { dataSource, hasReplicas, replicas, name } = this.database;
    if (!hasReplicas || this.replica === 'primary') return dataSource.createQueryRunner('master');
    const wanted = maxLsn(maxLsn(this.minLsn, this.committedLsn), localVisiblePosition(name));
    const order = typeof this.replica === 'number' ? [this.replica] : replicas.candidates(wanted);
    let reason: FallbackReason = order.length ? 'behind' : 'skipped';
    for (const index of order) {
      let runner: QueryRunner;
      try {
        runner = await replicas.connect(index);
      } catch (error) {
        reason = connectFailure(error);
        continue;
      }
      if (!isLsn(wanted) || replicas.knownAt(index, wanted)) {
        this.replica = index;
        return runner;
      }
      try {
        const [row] = await runner.query(
          'SELECT pg_last_wal_replay_lsn()::text AS lsn, coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) AS caught_up',
          [wanted],
        );
        replicas.saw(index, row?.lsn, !row?.caught_up);
        if (row?.caught_up) {
          this.replica = index;
          return runner;
        }
      } catch (error) {
        await runner.release();
        throw error;
      }
      await runner.release();
    }
    this.replica = 'primary';
    countFallback(name, reason);
    return dataSource.createQueryRunner('master');
  }
}
