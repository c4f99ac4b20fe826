import { In, type DataSource } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import type { Logger } from '../../../../platform/logger';
import { isUuid } from '../../../../platform/validation';
import { sql } from '../../../../platform/db/sql';
import type { KillPoint } from '../config';
import type { Mailer } from './mail-transport';
import type { SmsProvider } from './sms-provider';
import { withSecret } from './notification.templates';

interface ClaimedRow {
  id: string;
  channel: 'EMAIL' | 'SMS';
  recipient: string;
  subject: string | null;
  body: string;
  secret: string | null;
  /** The claim's number: the outcome is recorded only while no later claim exists. */
  attempts: number;
  created_at: Date;
}

export type SendOutcome = 'sent' | 'skipped' | 'failed' | 'retry';

export interface NotificationChannels {
  mailer: Mailer;
  sms: SmsProvider;
}

export interface SendOptions {
  /** A SENDING claim older than this may be taken over (its worker is taken to have died). */
  claimTimeoutSeconds: number;
  /** Fault injection for crash-recovery tests: SIGKILL this process at that point. */
  killAt?: KillPoint;
}

/** The fault injection of NOTIFICATION_FAULT_KILL_AT: the process dies here as if the machine had stopped. */
function faultPoint(options: SendOptions, point: KillPoint, log: Logger, notificationId: string): void {
  if (options.killAt !== point) return;
  log.warn({ notificationId, point }, 'NOTIFICATION_FAULT_KILL_AT: killing this process');
  process.kill(process.pid, 'SIGKILL');
}

/**
 * Sends one notification; every delivery of its job, and every job for it, ends in one send:
 * 1. claim it with a conditional UPDATE (QUEUED → SENDING, attempts + 1). A duplicate or concurrent
 *    delivery finds it claimed or SENT and does nothing. A claim older than the claim timeout is a
 *    worker that died mid-send: it may be claimed again (and the sweep, requeueStaleClaims, queues
 *    such a notification again, so it is not left SENDING when no job is left for it);
 * 2. send through the channel with the notification id as the idempotency key (mail-transport.ts,
 *    sms-provider.ts): a second send of the same notification replaces the first, not adds to it;
 * 3. record SENT, or on error QUEUED again (when BullMQ will retry) or FAILED (on the last attempt),
 *    each only while this claim is the latest (`attempts` is the fencing token).
 * The one-time token in `secret` is cleared once the message is SENT or FAILED.
 */
export async function sendNotification(
  dataSource: DataSource,
  channels: NotificationChannels,
  log: Logger,
  notificationId: string,
  lastAttempt: boolean,
  options: SendOptions,
): Promise<{ outcome: SendOutcome; error?: Error }> {
  if (!isUuid(notificationId)) {
    log.warn({ notificationId }, 'notification.send job without a valid notification id; dropped');
    return { outcome: 'skipped' };
  }
  const [row] = await sql<ClaimedRow>(
    dataSource,
    `UPDATE notifications SET status = 'SENDING', claimed_at = now(), attempts = attempts + 1
      WHERE id = $1
        AND (status = 'QUEUED' OR (status = 'SENDING' AND claimed_at < now() - make_interval(secs => $2)))
      RETURNING id, channel, recipient, subject, body, secret, attempts, created_at`,
    [notificationId, options.claimTimeoutSeconds],
  );
  if (!row) return { outcome: 'skipped' };
  faultPoint(options, 'after-claim', log, row.id);
  const claim = { id: row.id, attempts: row.attempts };

  try {
    const text = withSecret(row.body, row.secret);
    if (row.channel === 'EMAIL') {
      await channels.mailer.send({ notificationId: row.id, createdAt: row.created_at, to: row.recipient, subject: row.subject ?? '', text });
    } else {
      await channels.sms.send(row.recipient, text, row.id);
    }
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    const message = error.message.slice(0, 1000);
    if (lastAttempt) {
      await dataSource.manager.update(NotificationEntity, { ...claim, status: 'SENDING' }, { status: 'FAILED', error: message, secret: null });
      log.error({ err: error, notificationId: row.id }, 'notification failed for good');
      return { outcome: 'failed', error };
    }
    await dataSource.manager.update(NotificationEntity, { ...claim, status: 'SENDING' }, { status: 'QUEUED', error: message });
    return { outcome: 'retry', error };
  }
  faultPoint(options, 'after-send', log, row.id);
  // QUEUED too: the sweep may have queued it again meanwhile; recording SENT spares the second send
  const { affected } = await dataSource.manager.update(
    NotificationEntity,
    { ...claim, status: In(['SENDING', 'QUEUED']) },
    { status: 'SENT', sentAt: () => 'now()', error: null, secret: null },
  );
  if (!affected) log.warn({ notificationId: row.id }, 'notification sent under an expired claim; the later claim records the outcome');
  return { outcome: 'sent' };
}
