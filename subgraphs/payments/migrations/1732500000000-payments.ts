import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createQueueTables, dropQueueTables } from '../../../platform/queue/outbox.migration';

/**
 * Payments, refunds, saved payment methods, the log of every provider call and the simulated
 * provider's own ledger. Amounts are integer cents; no card number is ever stored (brand, last
 * four digits and expiry only).
 */
export class Payments1732500000000 implements MigrationInterface {
  name = 'Payments1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await createQueueTables(q);
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL,
        user_id uuid,
        email text,
        status text NOT NULL CHECK (status IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'FAILED', 'VOIDED')),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        captured_cents bigint NOT NULL DEFAULT 0 CHECK (captured_cents >= 0),
        refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0 AND refunded_cents <= captured_cents),
        currency_code char(3) NOT NULL,
        card_brand text,
        card_last4 char(4),
        card_exp_month smallint,
        card_exp_year smallint,
        provider text NOT NULL,
        provider_reference text,
        authorize_key text NOT NULL UNIQUE,
        capture_key text,
        void_key text,
        decline_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX payments_order ON payments (order_id, created_at DESC)');
    await q.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        payment_id uuid NOT NULL REFERENCES payments (id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        currency_code char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
        reason text,
        idempotency_key text NOT NULL UNIQUE,
        provider_reference text,
        decline_code text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX refunds_payment ON refunds (payment_id, created_at)');
    // no foreign key to payments: a log row is written while the payment row may be locked FOR UPDATE
    await q.query(`
      CREATE TABLE provider_calls (
        id bigserial PRIMARY KEY,
        payment_id uuid,
        refund_id uuid,
        provider text NOT NULL,
        operation text NOT NULL,
        idempotency_key text NOT NULL,
        request jsonb NOT NULL,
        response jsonb,
        outcome text NOT NULL CHECK (outcome IN ('SUCCEEDED', 'DECLINED', 'TIMEOUT', 'ERROR')),
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX provider_calls_payment ON provider_calls (payment_id, id)');
    await q.query(`
      CREATE TABLE payment_methods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        brand text NOT NULL,
        last4 char(4) NOT NULL,
        exp_month smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
        exp_year smallint NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_methods_card_unique UNIQUE (user_id, brand, last4, exp_month, exp_year)
      )`);
    await q.query('CREATE UNIQUE INDEX payment_methods_one_default ON payment_methods (user_id) WHERE is_default');
    // the simulated card gateway's own ledger: what a real provider would keep on its side
    await q.query(`
      CREATE TABLE simulated_provider_operations (
        idempotency_key text PRIMARY KEY,
        operation text NOT NULL,
        reference text NOT NULL UNIQUE,
        target_reference text,
        request jsonb NOT NULL,
        result jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX simulated_provider_operations_target ON simulated_provider_operations (target_reference)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE simulated_provider_operations');
    await q.query('DROP TABLE payment_methods');
    await q.query('DROP TABLE provider_calls');
    await q.query('DROP TABLE refunds');
    await q.query('DROP TABLE payments');
    await dropQueueTables(q);
  }
}
