import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One-time account tokens (password reset, e-mail verification), the notification log, and wishlists. */
export class NotificationsWishlists1732200000000 implements MigrationInterface {
  name = 'NotificationsWishlists1732200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('PASSWORD_RESET', 'EMAIL_VERIFICATION')),
        token_hash text NOT NULL UNIQUE,
        email citext NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query('CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at)');

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
        template text NOT NULL,
        recipient text NOT NULL,
        subject text,
        body text NOT NULL,
        secret text,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_at timestamptz,
        sent_at timestamptz
      )`);
    await q.query('CREATE INDEX notifications_user ON notifications (user_id, seq DESC)');

    await q.query(`
      CREATE TABLE wishlists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX wishlists_user ON wishlists (user_id, created_at)');
    await q.query('CREATE UNIQUE INDEX wishlists_one_default ON wishlists (user_id) WHERE is_default');
    await q.query(`
      CREATE TABLE wishlist_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        wishlist_id uuid NOT NULL REFERENCES wishlists (id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (wishlist_id, product_id)
      )`);
    await q.query('CREATE INDEX wishlist_items_product ON wishlist_items (product_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE wishlist_items, wishlists, notifications, account_tokens');
  }
}
