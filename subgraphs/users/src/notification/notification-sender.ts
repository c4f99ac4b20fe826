import type { DataSource } from 'typeorm';
import { NotificationEntity } from './notification.entity';
import type { Logger } from '../../../../platform/logger';
import { isUuid } from '../../../../platform/validation';
import { sql } from '../../../../platform/db/sql';
import type { Mailer } from './mail-transport';
import type { SmsProvider } from './sms-provider';
import { withSecret } from './notification.templates';

/** A claim older than this is taken to be a worker that died mid-send; the message is tried again. */
export const STALE_CLAIM_MINUTES = 10;

interface ClaimedRow {
  id: string;
  channel: 'EMAIL' | 'SMS';
  recipient: string;
  subject: string | null;
  body: string;
  secret: string | null;
}

export type SendOutcome = 'sent' | 'skipped' | 'failed' | 'retry';

export interface NotificationChannels {
  mailer: Mailer;
  sms: SmsProvider;
}

/**
 * Sends one notification at most once per delivery of its job:
 * 1. claim it with a conditional UPDATE (QUEUED → SENDING). A duplicate or concurrent delivery
 *    finds it claimed or SENT and does nothing;
 * 2. send through the channel;
 * 3. record SENT, or on error QUEUED again (when BullMQ will retry) or FAILED (on the last attempt).
 * The one-time token in `secret` is cleared once the message is SENT or FAILED.
 */
export async function sendNotification(
  dataSource: DataSource,
  channels: NotificationChannels,
  log: Logger,
  notificationId: string,
  lastAttempt: boolean,
): Promise<{ outcome: SendOutcome; error?: Error }> {
  if (!isUuid(notificationId)) {
    log.warn({ notificationId }, 'notification.send job without a valid notification id; dropped');
    return { outcome: 'skipped' };
  }
  const [row] = await sql<ClaimedRow>(
    dataSource,
    `UPDATE notifications SET status = 'SENDING', claimed_at = now(), attempts = attempts + 1
      WHERE id = $1
        AND (status = 'QUEUED' OR (status = 'SENDING' AND claimed_at < now() - make_interval(mins => $2)))
      RETURNING id, channel, recipient, subject, body, secret`,
    [notificationId, STALE_CLAIM_MINUTES],
  );
  if (!row) return { outcome: 'skipped' };

  try {
    const text = withSecret(row.body, row.secret);
    if (row.channel === 'EMAIL') {
      await channels.mailer.send({ notificationId: row.id, to: row.recipient, subject: row.subject ?? '', text });
    } else {
      await channels.sms.send(row.recipient, text, row.id);
    }
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    const message = error.message.slice(0, 1000);
    if (lastAttempt) {
      await dataSource.manager.update(NotificationEntity, { id: row.id, status: 'SENDING' }, { status: 'FAILED', error: message, secret: null });
      log.error({ err: error, notificationId: row.id }, 'notification failed for good');
      return { outcome: 'failed', error };
    }
    await dataSource.manager.update(NotificationEntity, { id: row.id, status: 'SENDING' }, { status: 'QUEUED', error: message });
    return { outcome: 'retry', error };
  }
  await dataSource.manager.update(NotificationEntity, { id: row.id, status: 'SENDING' }, { status: 'SENT', sentAt: () => 'now()', error: null, secret: null });
  return { outcome: 'sent' };
}
