import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createQueueTables, dropQueueTables } from '../../../platform/queue/outbox.migration';

/** Tax rates by destination country (ISO 3166-1 alpha-2); a country not listed pays none. */
export const TAX_RATES: readonly [string, string][] = [
  ['US', '0.0725'],
  ['TH', '0.0700'],
  ['DE', '0.1900'],
  ['FR', '0.2000'],
  ['GB', '0.2000'],
  ['JP', '0.1000'],
];

/**
 * Orders, their lines (snapshots of name, SKU and price), status history, human-readable order
 * numbers from a sequence, the tax rate table and the checkout sagas (with their idempotency keys).
 * Amounts are integer cents; other subgraphs' ids are plain columns.
 */
export class Orders1733300000000 implements MigrationInterface {
  name = 'Orders1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await createQueueTables(q);
    await q.query('CREATE SEQUENCE order_number_seq START 1');
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        order_number text NOT NULL UNIQUE,
        user_id uuid,
        email text NOT NULL,
        phone text,
        status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')),
        currency_code char(3) NOT NULL,
        subtotal_cents bigint NOT NULL CHECK (subtotal_cents >= 0),
        discount_cents bigint NOT NULL CHECK (discount_cents >= 0),
        shipping_cents bigint NOT NULL CHECK (shipping_cents >= 0),
        tax_cents bigint NOT NULL CHECK (tax_cents >= 0),
        total_cents bigint NOT NULL CHECK (total_cents >= 0),
        shipping_address jsonb NOT NULL,
        billing_address jsonb NOT NULL,
        shipping_method_id uuid NOT NULL,
        cart_id uuid NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX orders_user ON orders (user_id, seq DESC)');
    await q.query('CREATE INDEX orders_status ON orders (status, seq DESC)');
    await q.query('CREATE INDEX orders_email ON orders (lower(email), seq DESC)');
    await q.query('CREATE INDEX orders_created ON orders (created_at)');
    await q.query(`
      CREATE TABLE order_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position int NOT NULL,
        product_id uuid NOT NULL,
        product_name text NOT NULL,
        sku text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
        UNIQUE (order_id, position)
      )`);
    await q.query(`
      CREATE TABLE order_status_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        status text NOT NULL,
        note text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query('CREATE INDEX order_status_history_order ON order_status_history (order_id, id)');
    await q.query(`
      CREATE TABLE tax_rates (
        country_code char(2) PRIMARY KEY,
        rate numeric(5, 4) NOT NULL CHECK (rate >= 0 AND rate < 1)
      )`);
    await q.query(
      `INSERT INTO tax_rates (country_code, rate) SELECT * FROM unnest($1::text[], $2::numeric[])`,
      [TAX_RATES.map(([c]) => c), TAX_RATES.map(([, r]) => r)],
    );
    await q.query(`
      CREATE TABLE checkout_sagas (
        id uuid PRIMARY KEY,
        buyer text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
        step text NOT NULL,
        order_id uuid NOT NULL UNIQUE,
        cart_id uuid NOT NULL,
        user_id uuid,
        plan jsonb,
        result jsonb,
        attempts int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (buyer, idempotency_key)
      )`);
    await q.query(`CREATE INDEX checkout_sagas_running ON checkout_sagas (updated_at) WHERE state = 'RUNNING'`);
    await q.query('CREATE INDEX checkout_sagas_created ON checkout_sagas (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE checkout_sagas, tax_rates, order_status_history, order_lines, orders');
    await q.query('DROP SEQUENCE order_number_seq');
    await dropQueueTables(q);
  }
}
