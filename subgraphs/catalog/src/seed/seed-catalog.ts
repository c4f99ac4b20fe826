import type { DataSource } from 'typeorm';
import { sql } from '../../../../platform/db/sql';
import { BrandEntity } from '../brand/brand.entity';
import { commitVisibleToAll } from '../common/consistency';
import { buildDemoCatalog, SECOND_WAREHOUSE_ID } from './demo-catalog';

export interface SeedResult {
  /** False when the demo catalog was already there (nothing changed). */
  seeded: boolean;
  counts: Record<string, number>;
}

/**
 * Writes the demo catalog in one transaction with one bulk statement per table (JSON records
 * expanded by jsonb_to_recordset). Idempotent: a database that already holds it is left alone.
 */
export async function seedCatalog(dataSource: DataSource): Promise<SeedResult> {
  const demo = buildDemoCatalog();
  return dataSource.transaction(async (m): Promise<SeedResult> => {
    await sql(m, 'SELECT pg_advisory_xact_lock(727002)');
    if (await m.existsBy(BrandEntity, { id: demo.brands[0].id })) return { seeded: false, counts: {} };
    const json = (rows: unknown[]) => JSON.stringify(rows);
    await commitVisibleToAll(m);

    await sql(m, `INSERT INTO warehouses (id, code, name, priority) VALUES ($1, 'EAST', 'East depot', 10) ON CONFLICT DO NOTHING`, [SECOND_WAREHOUSE_ID]);
    await sql(
      m,
      `INSERT INTO brands (id, name, slug, description, logo_url)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text, slug text, description text, logo_url text)`,
      [json(demo.brands)],
    );
    await sql(
      m,
      `INSERT INTO categories (id, parent_id, name, slug, description, image_url, sort_order, path, depth)
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(id uuid, parent_id uuid, name text, slug text, description text, image_url text, sort_order int, path text, depth int)
       ORDER BY depth`,
      [json(demo.categories)],
    );
    await sql(
      m,
      `INSERT INTO products (id, sku, slug, name, description, short_description, price, sale_price, status, attributes, images, weight, dimensions, brand_id, created_at, updated_at)
       SELECT x.id, x.sku, x.slug, x.name, x.description, x.short_description, x.price, x.sale_price, x.status, x.attributes,
              ARRAY(SELECT jsonb_array_elements_text(x.images)), x.weight, x.dimensions, x.brand_id, x.created_at, x.created_at
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, sku text, slug text, name text, description text, short_description text, price numeric, sale_price numeric,
                status text, attributes jsonb, images jsonb, weight numeric, dimensions text, brand_id uuid, created_at timestamptz, n int)
        ORDER BY x.n`,
      [json(demo.products.map((p, n) => ({ ...p, n })))],
    );
    await sql(
      m,
      `INSERT INTO product_categories (product_id, category_id, position)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(product_id uuid, category_id uuid, position int)`,
      [json(demo.productCategories)],
    );
    await sql(
      m,
      `INSERT INTO stock_levels (product_id, warehouse_id, on_hand)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(product_id uuid, warehouse_id uuid, on_hand int)`,
      [json(demo.stock)],
    );
    await sql(
      m,
      `INSERT INTO stock_movements (product_id, warehouse_id, type, quantity, reason)
       SELECT product_id, warehouse_id, 'ADJUSTMENT', on_hand, 'initial stock (demo data)'
         FROM jsonb_to_recordset($1::jsonb) AS x(product_id uuid, warehouse_id uuid, on_hand int) WHERE on_hand <> 0`,
      [json(demo.stock)],
    );
    await sql(
      m,
      `INSERT INTO reviews (id, product_id, author_id, rating, title, content, status, moderated_at, created_at, updated_at)
       SELECT x.id, x.product_id, x.author_id, x.rating, x.title, x.content, 'APPROVED', x.created_at, x.created_at, x.created_at
         FROM jsonb_to_recordset($1::jsonb)
           AS x(id uuid, product_id uuid, author_id uuid, rating smallint, title text, content text, created_at timestamptz)
        ORDER BY x.created_at`,
      [json(demo.reviews)],
    );
    await sql(
      m,
      `UPDATE products p SET average_rating = a.average, review_count = a.n
        FROM (SELECT product_id, round(avg(rating)::numeric, 2) AS average, count(*)::int AS n FROM reviews WHERE status = 'APPROVED' GROUP BY product_id) a
       WHERE p.id = a.product_id`,
    );
    return {
      seeded: true,
      counts: {
        brands: demo.brands.length,
        categories: demo.categories.length,
        products: demo.products.length,
        stockLevels: demo.stock.length,
        reviews: demo.reviews.length,
      },
    };
  });
}
