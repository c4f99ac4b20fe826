import { Counter } from 'prom-client';
import type { Database } from './data-source';

const unappliedCommits = new Counter({
  name: 'db_visible_commit_waits_ended_total',
  help: 'visibleToAll commits that no synchronous replica applied within DATABASE_VISIBLE_WAIT_MS: the wait was ended and the commit completed on the primary alone',
  labelNames: ['database'] as const,
});

/**
 * Bounds a `remote_apply` commit's wait for a synchronous replica. PostgreSQL waits without a
 * limit when every synchronous standby is down or paused (statement_timeout does not end that
 * wait); past `visibleWaitMs` the wait is cancelled from another connection, which completes the
 * commit locally (PostgreSQL: "canceling wait for synchronous replication … already committed
 * locally"). The write stays visible to every reader through the database's global position.
 * Only a backend still waiting on SyncRep is cancelled. Returns the function that disarms it.
 */
export function limitSyncWait(database: Database, pid: number): () => void {
  const timer = setTimeout(() => {
    database.dataSource
      .query(`SELECT pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'SyncRep'`, [pid])
      .then((rows: { cancelled: boolean }[]) => {
        if (!rows.length) return;
        unappliedCommits.inc({ database: database.name });
        database.log.warn({ database: database.name, waitedMs: database.visibleWaitMs }, 'no synchronous replica applied a commit in time: it completes on the primary alone');
      })
      .catch(() => undefined);
  }, database.visibleWaitMs);
  timer.unref();
  return () => clearTimeout(timer);
}
