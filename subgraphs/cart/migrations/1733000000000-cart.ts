import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createQueueTables, dropQueueTables } from '../../../platform/queue/outbox.migration';

export class Cart1733000000000 implements MigrationInterface {
  name = 'Cart1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await createQueueTables(q);
    // user_id: the customer (users subgraph) for a customer cart, null for a guest cart
    await q.query(`
      CREATE TABLE carts (
        id uuid PRIMARY KEY,
        user_id uuid,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED', 'CONVERTED', 'ABANDONED')),
        merged_into uuid REFERENCES carts (id),
        order_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        abandoned_at timestamptz
      )`);
    // one open (ACTIVE or ABANDONED) cart per customer
    await q.query(`CREATE UNIQUE INDEX carts_open_per_user ON carts (user_id) WHERE user_id IS NOT NULL AND status IN ('ACTIVE', 'ABANDONED')`);
    await q.query(`CREATE INDEX carts_idle ON carts (updated_at) WHERE status = 'ACTIVE'`);
    await q.query(`
      CREATE TABLE cart_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        cart_id uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
        unit_price numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
        currency_code char(3) NOT NULL,
        notice text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cart_lines_product_unique UNIQUE (cart_id, product_id)
      )`);
    await q.query(`
      CREATE TABLE cart_discount_codes (
        cart_id uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
        code text NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (cart_id, code)
      )`);
    await q.query(`
      CREATE TABLE discount_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code = upper(code) AND length(code) BETWEEN 1 AND 64),
        kind text NOT NULL CHECK (kind IN ('PERCENTAGE', 'FIXED_AMOUNT')),
        value numeric(12, 2) NOT NULL CHECK (value > 0),
        minimum_subtotal numeric(12, 2) CHECK (minimum_subtotal >= 0),
        usage_limit integer CHECK (usage_limit >= 1),
        usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
        per_customer_limit integer CHECK (per_customer_limit >= 1),
        starts_at timestamptz,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT discount_codes_code_unique UNIQUE (code),
        CONSTRAINT discount_codes_within_limit CHECK (usage_limit IS NULL OR usage_count <= usage_limit),
        CONSTRAINT discount_codes_percentage CHECK (kind <> 'PERCENTAGE' OR value <= 100)
      )`);
    // reference: the caller's (orders') reference of the checkout; one redemption per code and reference
    await q.query(`
      CREATE TABLE discount_redemptions (
        id bigserial PRIMARY KEY,
        reference text NOT NULL,
        discount_code_id uuid NOT NULL REFERENCES discount_codes (id),
        cart_id uuid NOT NULL,
        user_id uuid,
        amount numeric(12, 2) NOT NULL,
        currency_code char(3) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        CONSTRAINT discount_redemptions_once UNIQUE (reference, discount_code_id)
      )`);
    await q.query('CREATE INDEX discount_redemptions_by_user ON discount_redemptions (discount_code_id, user_id) WHERE released_at IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE discount_redemptions');
    await q.query('DROP TABLE discount_codes');
    await q.query('DROP TABLE cart_discount_codes');
    await q.query('DROP TABLE cart_lines');
    await q.query('DROP TABLE carts');
    await dropQueueTables(q);
  }
}
