import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each customer's choices of which notifications to receive, by channel and kind (only the choices
 * made: a missing row means the default of notification-preferences.ts). A notification that a
 * preference suppresses is kept as SKIPPED with the reason; a partial index finds stale SENDING claims.
 */
export class NotificationPreferences1732450000000 implements MigrationInterface {
  name = 'NotificationPreferences1732450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
        kind text NOT NULL CHECK (kind IN ('ORDERS', 'SHIPPING', 'MARKETING')),
        enabled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, channel, kind)
      )`);
    await q.query('ALTER TABLE notifications DROP CONSTRAINT notifications_status_check');
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'))`);
    await q.query('ALTER TABLE notifications ADD COLUMN skip_reason text');
    await q.query(`CREATE INDEX notifications_sending ON notifications (claimed_at) WHERE status = 'SENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX notifications_sending');
    await q.query(`DELETE FROM notifications WHERE status = 'SKIPPED'`);
    await q.query('ALTER TABLE notifications DROP COLUMN skip_reason');
    await q.query('ALTER TABLE notifications DROP CONSTRAINT notifications_status_check');
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED'))`);
    await q.query('DROP TABLE notification_preferences');
  }
}
