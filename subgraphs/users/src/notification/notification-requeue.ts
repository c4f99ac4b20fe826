import { sql } from '../../../../platform/db/sql';
import { enqueue } from '../../../../platform/queue/outbox';
import type { UsersContext } from '../context';
import { SEND_JOB, type SendJobData } from './notification.service';

/** The repeating job that queues stale claims again (every NOTIFICATION_SWEEP_MS). */
export const REQUEUE_STALE_JOB = 'notification.requeue-stale';

const BATCH = 500;

/**
 * A notification stays SENDING when its worker died between the claim and recording the outcome,
 * and BullMQ may have no job left for it (a redelivered job that came while the claim was fresh
 * skipped it; a job stalled too often is failed). This puts every claim older than the timeout back
 * to QUEUED with a new send job, in one transaction; the send's idempotency key makes the repeat
 * harmless when the first send had gone out. Returns how many were queued again.
 */
export async function requeueStaleClaims(ctx: UsersContext, claimTimeoutSeconds: number): Promise<number> {
  return ctx.db.write(async (m) => {
    const rows = await sql<{ id: string }>(
      m,
      `UPDATE notifications SET status = 'QUEUED', claimed_at = NULL, error = $3
        WHERE id IN (SELECT id FROM notifications
                      WHERE status = 'SENDING' AND claimed_at < now() - make_interval(secs => $1)
                      ORDER BY claimed_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [claimTimeoutSeconds, BATCH, 'claim expired: the worker stopped before recording the outcome; queued again'],
    );
    await enqueue(m, ...rows.map((r) => ({ queue: 'users' as const, name: SEND_JOB, payload: { notificationId: r.id } satisfies SendJobData })));
    return rows.length;
  });
}
