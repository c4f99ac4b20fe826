import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createQueueTables, dropQueueTables } from '../../../platform/queue/outbox.migration';

/** The default warehouse exists from the start: stock adjustments without a warehouse go there. */
export const DEFAULT_WAREHOUSE_ID = '00000000-0000-4000-8000-000000000001';

export class Catalog1732200000000 implements MigrationInterface {
  name = 'Catalog1732200000000';

  async up(q: QueryRunner): Promise<void> {
    await createQueueTables(q);
    await q.query(`
      CREATE TABLE brands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL UNIQUE,
        description text,
        logo_url text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // path: the ids from the root down, '/'-separated with a trailing '/': a subtree is a prefix match
    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES categories (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        slug text NOT NULL,
        description text,
        image_url text,
        is_active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        path text NOT NULL,
        depth integer NOT NULL CHECK (depth >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT categories_slug_unique UNIQUE (slug),
        CONSTRAINT categories_path_unique UNIQUE (path)
      )`);
    await q.query('CREATE INDEX categories_path_prefix ON categories (path text_pattern_ops)');
    await q.query('CREATE INDEX categories_parent ON categories (parent_id, sort_order)');
    await q.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        sku text NOT NULL,
        slug text NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        short_description text,
        price numeric(12, 2) NOT NULL CHECK (price >= 0),
        sale_price numeric(12, 2) CHECK (sale_price >= 0 AND sale_price <= price),
        effective_price numeric(12, 2) GENERATED ALWAYS AS (coalesce(sale_price, price)) STORED,
        currency_code char(3) NOT NULL DEFAULT 'USD',
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ACTIVE', 'INACTIVE', 'ARCHIVED')),
        attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
        images text[] NOT NULL DEFAULT '{}',
        weight numeric(10, 3) CHECK (weight >= 0),
        dimensions text,
        brand_id uuid REFERENCES brands (id),
        average_rating numeric(3, 2),
        review_count integer NOT NULL DEFAULT 0 CHECK (review_count >= 0),
        units_sold integer NOT NULL DEFAULT 0 CHECK (units_sold >= 0),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', coalesce(name, '')), 'A') ||
          setweight(to_tsvector('english', coalesce(short_description, '') || ' ' || coalesce(description, '')), 'B')
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE UNIQUE INDEX products_sku_unique ON products (upper(sku))');
    await q.query('CREATE UNIQUE INDEX products_slug_unique ON products (slug)');
    await q.query('CREATE INDEX products_search ON products USING gin (search_vector)');
    await q.query('CREATE INDEX products_newest ON products (status, seq DESC)');
    await q.query('CREATE INDEX products_by_price ON products (status, effective_price, seq)');
    await q.query('CREATE INDEX products_by_rating ON products (status, (coalesce(average_rating, 0)) DESC, seq DESC)');
    await q.query('CREATE INDEX products_by_sales ON products (status, units_sold DESC, seq DESC)');
    await q.query('CREATE INDEX products_brand ON products (brand_id)');
    await q.query(`
      CREATE TABLE product_categories (
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        category_id uuid NOT NULL REFERENCES categories (id),
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (product_id, category_id)
      )`);
    await q.query('CREATE INDEX product_categories_category ON product_categories (category_id, product_id)');

    await q.query(`
      CREATE TABLE warehouses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        priority integer NOT NULL DEFAULT 100,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE UNIQUE INDEX warehouses_one_default ON warehouses (is_default) WHERE is_default');
    await q.query(`INSERT INTO warehouses (id, code, name, is_default, priority) VALUES ($1, 'MAIN', 'Main warehouse', true, 0)`, [DEFAULT_WAREHOUSE_ID]);
    await q.query(`
      CREATE TABLE stock_levels (
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        on_hand integer NOT NULL DEFAULT 0,
        reserved integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, warehouse_id),
        CONSTRAINT stock_on_hand_not_negative CHECK (on_hand >= 0),
        CONSTRAINT stock_reserved_not_negative CHECK (reserved >= 0),
        CONSTRAINT stock_reserved_within_on_hand CHECK (reserved <= on_hand)
      )`);
    await q.query(`
      CREATE TABLE stock_movements (
        id bigserial PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        type text NOT NULL CHECK (type IN ('ADJUSTMENT', 'RESERVATION', 'RELEASE', 'SALE', 'RETURN')),
        quantity integer NOT NULL CHECK (quantity <> 0),
        reason text NOT NULL,
        reference_id text,
        actor_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX stock_movements_product ON stock_movements (product_id, id DESC)');
    await q.query('CREATE INDEX stock_movements_reference ON stock_movements (reference_id) WHERE reference_id IS NOT NULL');
    await q.query(`
      CREATE TABLE stock_reservations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'HELD' CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED')),
        expires_at timestamptz NOT NULL,
        closed_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX stock_reservations_held ON stock_reservations (expires_at) WHERE status = 'HELD'`);
    await q.query(`
      CREATE TABLE stock_reservation_lines (
        reservation_id uuid NOT NULL REFERENCES stock_reservations (id) ON DELETE CASCADE,
        product_id uuid NOT NULL REFERENCES products (id),
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        quantity integer NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (reservation_id, product_id, warehouse_id)
      )`);
    await q.query(`
      CREATE TABLE stock_returns (
        reference text PRIMARY KEY CHECK (length(reference) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        title text CHECK (length(title) <= 200),
        content text CHECK (length(content) <= 5000),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        is_verified_purchase boolean NOT NULL DEFAULT false,
        moderated_by uuid,
        moderated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reviews_one_per_author UNIQUE (product_id, author_id)
      )`);
    await q.query('CREATE INDEX reviews_product ON reviews (product_id, status, seq DESC)');
    await q.query('CREATE INDEX reviews_author ON reviews (author_id, seq DESC)');
    await q.query('CREATE INDEX reviews_status ON reviews (status, seq)');
    // what each customer bought, from the orders' confirmation events: verified purchases
    await q.query(`
      CREATE TABLE purchases (
        user_id uuid NOT NULL,
        product_id uuid NOT NULL,
        quantity integer NOT NULL CHECK (quantity > 0),
        first_order_id text NOT NULL,
        first_purchased_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, product_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE purchases, reviews, stock_returns, stock_reservation_lines, stock_reservations,
      stock_movements, stock_levels, warehouses, product_categories, products, categories, brands`);
    await dropQueueTables(q);
  }
}
