import type { RequestDb } from '../../../../platform/db/request-db';
import { rowLoader, valueLoader } from '../../../../platform/loaders';
import type { CatalogCache, CatalogState } from '../cache/catalog-cache';
import { PRODUCT_COLUMNS, reviveProduct, type ProductRow } from './product-row';
import { sql } from '../../../../platform/db/sql';

export interface LoaderScope {
  db: RequestDb;
  cache: CatalogCache;
  /** Read at batch time: a request that changed the catalog stops using the cache. */
  cacheState(): CatalogState;
}

/** Products by id and by slug: the cache first, then one statement for the misses. Cached rows are shared: never change one. */
export function productLoaders(scope: LoaderScope) {
  const { db, cache } = scope;

  async function fetchByIds(ids: readonly string[]): Promise<ProductRow[]> {
    const state = scope.cacheState();
    const cached = await cache.getMany(state, 'product', ids, reviveProduct);
    const found = cached.filter((r): r is ProductRow => r !== null);
    const missing = ids.filter((_, i) => cached[i] === null);
    if (!missing.length) return found;
    const rows = await db.read((m) => sql<ProductRow>(m, `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ANY($1::uuid[])`, [missing]));
    await cache.setMany(state, 'product', rows.map((r) => [r.id, r]));
    return [...found, ...rows];
  }

  const productById = rowLoader(fetchByIds, (p) => p.id);

  const productBySlug = rowLoader(
    async (slugs: readonly string[]): Promise<ProductRow[]> => {
      const state = scope.cacheState();
      const ids = await cache.getMany<string>(state, 'slug', slugs);
      const known = ids.filter((id): id is string => id !== null);
      const missing = slugs.filter((_, i) => ids[i] === null);
      const rows = known.length ? await productById.loadMany(known) : [];
      const found = rows.filter((r): r is ProductRow => !!r && !(r instanceof Error));
      if (!missing.length) return found;
      const fresh = await db.read((m) => sql<ProductRow>(m, `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.slug = ANY($1::text[])`, [missing]));
      for (const row of fresh) productById.prime(row.id, row);
      await cache.setMany(state, 'slug', fresh.map((r) => [r.slug, r.id]));
      await cache.setMany(state, 'product', fresh.map((r) => [r.id, r]));
      return [...found, ...fresh];
    },
    (p) => p.slug,
  );

  /** Units available to sell (on hand − reserved, all warehouses): never cached, always current. */
  const availableByProduct = valueLoader(
    (ids: readonly string[]) =>
      db.read((m) =>
        sql<{ productId: string; available: number }>(
          m,
          `SELECT product_id::text AS "productId", sum(on_hand - reserved)::int AS available
             FROM stock_levels WHERE product_id = ANY($1::uuid[]) GROUP BY product_id`,
          [ids],
        ),
      ),
    (r) => r.productId,
    (r) => r.available,
    0,
  );

  return { productById, productBySlug, availableByProduct };
}
