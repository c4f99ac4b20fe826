import DataLoader from 'dataloader';
import { sql } from '../../../../platform/db/sql';
import type { RequestDb } from '../../../../platform/db/request-db';
import { valueLoader } from '../../../../platform/loaders';
import { NotificationEntity } from './notification.entity';

/** One page request: a user's notifications older than `beforeSeq` (all when null), at most `limit`. */
export interface NotificationPageKey {
  userId: string;
  limit: number;
  beforeSeq: string | null;
}

interface PageRow {
  key_index: number;
  id: string;
  seq: string;
  user_id: string;
  channel: NotificationEntity['channel'];
  template: string;
  recipient: string;
  subject: string | null;
  status: NotificationEntity['status'];
  created_at: Date;
  sent_at: Date | null;
}

export type NotificationRow = Pick<
  NotificationEntity,
  'id' | 'seq' | 'userId' | 'channel' | 'template' | 'recipient' | 'subject' | 'status' | 'createdAt' | 'sentAt'
>;

export function notificationLoaders(db: RequestDb) {
  return {
    /** Pages of several users' notifications (newest first) in one statement: a LATERAL join per key. SKIPPED ones are not listed. */
    notificationPage: new DataLoader<NotificationPageKey, NotificationRow[], string>(
      async (keys) => {
        const rows = await db.read((m) =>
          sql<PageRow>(
            m,
            `SELECT k.key_index, n.id, n.seq, n.user_id, n.channel, n.template, n.recipient, n.subject, n.status, n.created_at, n.sent_at
               FROM unnest($1::uuid[], $2::int[], $3::bigint[]) WITH ORDINALITY AS k(user_id, lim, before_seq, key_index)
               CROSS JOIN LATERAL (
                 SELECT * FROM notifications n
                  WHERE n.user_id = k.user_id AND n.status <> 'SKIPPED' AND (k.before_seq IS NULL OR n.seq < k.before_seq)
                  ORDER BY n.seq DESC LIMIT k.lim
               ) n
              ORDER BY k.key_index, n.seq DESC`,
            [keys.map((k) => k.userId), keys.map((k) => k.limit), keys.map((k) => k.beforeSeq)],
          ),
        );
        const pages: NotificationRow[][] = keys.map(() => []);
        for (const r of rows) {
          pages[Number(r.key_index) - 1].push({
            id: r.id,
            seq: String(r.seq),
            userId: r.user_id,
            channel: r.channel,
            template: r.template,
            recipient: r.recipient,
            subject: r.subject,
            status: r.status,
            createdAt: r.created_at,
            sentAt: r.sent_at,
          });
        }
        return pages;
      },
      { cacheKeyFn: (k) => `${k.userId}:${k.limit}:${k.beforeSeq ?? ''}`, maxBatchSize: 500 },
    ),
    /** How many notifications each user has (SKIPPED ones not counted). */
    notificationCountByUser: valueLoader(
      (userIds: readonly string[]) =>
        db.read((m) =>
          m
            .createQueryBuilder(NotificationEntity, 'n')
            .select('n.user_id', 'userId')
            .addSelect('count(*)::int', 'count')
            .where('n.user_id IN (:...userIds)', { userIds: [...userIds] })
            .andWhere("n.status <> 'SKIPPED'")
            .groupBy('n.user_id')
            .getRawMany<{ userId: string; count: number }>(),
        ),
      (r) => r.userId,
      (r) => r.count,
      0,
    ),
  };
}
