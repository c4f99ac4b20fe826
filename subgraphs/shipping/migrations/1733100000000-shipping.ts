import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createQueueTables, dropQueueTables } from '../../../platform/queue/outbox.migration';

export class Shipping1733100000000 implements MigrationInterface {
  name = 'Shipping1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await createQueueTables(q);
    // a zone: countries (ISO 3166-1 alpha-2), optionally narrowed to postal codes starting with one of the prefixes
    await q.query(`
      CREATE TABLE shipping_zones (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        country_codes text[] NOT NULL CHECK (cardinality(country_codes) BETWEEN 1 AND 300),
        postal_prefixes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shipping_zones_name_unique UNIQUE (name)
      )`);
    await q.query('CREATE INDEX shipping_zones_countries ON shipping_zones USING gin (country_codes)');
    // the price: flat, or by weight (shipping_rate_tiers); free at or above free_over_subtotal when set
    await q.query(`
      CREATE TABLE shipping_methods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        zone_id uuid NOT NULL REFERENCES shipping_zones (id),
        carrier text NOT NULL CHECK (length(carrier) BETWEEN 1 AND 50),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        estimated_days_min integer NOT NULL CHECK (estimated_days_min >= 0),
        estimated_days_max integer NOT NULL,
        currency_code char(3) NOT NULL DEFAULT 'USD',
        rate_kind text NOT NULL CHECK (rate_kind IN ('FLAT', 'WEIGHT_TIERED')),
        flat_price numeric(12, 2) CHECK (flat_price >= 0),
        free_over_subtotal numeric(12, 2) CHECK (free_over_subtotal >= 0),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (estimated_days_max >= estimated_days_min),
        CHECK ((rate_kind = 'FLAT') = (flat_price IS NOT NULL))
      )`);
    await q.query('CREATE INDEX shipping_methods_zone ON shipping_methods (zone_id)');
    await q.query(`
      CREATE TABLE shipping_rate_tiers (
        method_id uuid NOT NULL REFERENCES shipping_methods (id) ON DELETE CASCADE,
        max_weight_kg numeric(10, 3) NOT NULL CHECK (max_weight_kg > 0),
        price numeric(12, 2) NOT NULL CHECK (price >= 0),
        PRIMARY KEY (method_id, max_weight_kg)
      )`);
    // what shipping knows of orders, from the orders' events: who to notify and whether it may ship
    await q.query(`
      CREATE TABLE order_refs (
        order_id uuid PRIMARY KEY,
        user_id uuid,
        email text NOT NULL,
        phone text,
        status text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE shipments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        order_id uuid NOT NULL,
        carrier text NOT NULL CHECK (length(carrier) BETWEEN 1 AND 50),
        tracking_number text NOT NULL CHECK (tracking_number ~ '^[A-Z0-9-]{4,40}$'),
        status text NOT NULL CHECK (status IN ('PENDING', 'LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'FAILED', 'RETURNED')),
        estimated_delivery date,
        delivered_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE UNIQUE INDEX shipments_tracking_unique ON shipments (carrier, tracking_number)');
    await q.query('CREATE INDEX shipments_tracking ON shipments (tracking_number)');
    await q.query('CREATE INDEX shipments_order ON shipments (order_id, seq)');
    await q.query(`
      CREATE TABLE shipment_events (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipments (id),
        status text NOT NULL,
        location text CHECK (length(location) <= 200),
        description text CHECK (length(description) <= 500),
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id, occurred_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['shipment_events', 'shipments', 'order_refs', 'shipping_rate_tiers', 'shipping_methods', 'shipping_zones']) await q.query(`DROP TABLE ${table}`);
    await dropQueueTables(q);
  }
}
