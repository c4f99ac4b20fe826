import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createQueueTables, dropQueueTables } from '../../../platform/queue/outbox.migration';

export class Accounts1732100000000 implements MigrationInterface {
  name = 'Accounts1732100000000';

  async up(q: QueryRunner): Promise<void> {
    await createQueueTables(q);
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE,
        password_hash text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        date_of_birth date,
        gender text CHECK (gender IN ('MALE', 'FEMALE', 'OTHER')),
        subscribed_to_newsletter boolean NOT NULL DEFAULT false,
        roles text[] NOT NULL DEFAULT '{CUSTOMER}',
        email_verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query('CREATE INDEX sessions_user ON sessions (user_id)');
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz
      )`);
    await q.query('CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)');
    await q.query(`
      CREATE TABLE addresses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        label text,
        type text NOT NULL DEFAULT 'SHIPPING' CHECK (type IN ('HOME', 'WORK', 'BILLING', 'SHIPPING', 'OTHER')),
        street text NOT NULL,
        city text NOT NULL,
        state text,
        postal_code text NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        is_default boolean NOT NULL DEFAULT false,
        latitude numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        delivery_instructions text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX addresses_user ON addresses (user_id, created_at)');
    await q.query('CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default');
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        email citext,
        kind text NOT NULL,
        ip text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX audit_events_user ON audit_events (user_id, id DESC)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_events, addresses, refresh_tokens, sessions, users');
    await dropQueueTables(q);
  }
}
