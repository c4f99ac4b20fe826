import { GraphQLError } from 'graphql';
import { decodeCursor, pageSize, toConnection, type Connection } from '../../../../platform/graphql/connection';
import { isUuid } from '../../../../platform/validation';
import type { CatalogContext } from '../context';
import { isStaff } from '../../../../platform/graphql/authorization';
import { PRODUCT_COLUMNS, type ProductRow } from './product-row';
import { toPrefixTsQuery } from './product-search';
import { ProductSort, type ProductFilter } from './product.inputs';
import { sql, sqlOne } from '../../../../platform/db/sql';

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

interface SortKey {
  sql: string;
  desc: boolean;
  /** The cast that turns the cursor's text back into the key's type. */
  cast: 'numeric' | 'bigint';
}

const SEQ: SortKey = { sql: 'p.seq', desc: true, cast: 'bigint' };

/** The keys of each ordering; every one ends with seq (newest first) so the order is total. */
function sortKeys(sort: ProductSort, tsQueryParam: string | null): SortKey[] {
  switch (sort) {
    case ProductSort.RELEVANCE:
      if (!tsQueryParam) return [SEQ];
      return [{ sql: `round(ts_rank(p.search_vector, to_tsquery('english', ${tsQueryParam}))::numeric, 6)`, desc: true, cast: 'numeric' }, SEQ];
    case ProductSort.NEWEST:
      return [SEQ];
    case ProductSort.PRICE_ASC:
      return [{ sql: 'p.effective_price', desc: false, cast: 'numeric' }, SEQ];
    case ProductSort.PRICE_DESC:
      return [{ sql: 'p.effective_price', desc: true, cast: 'numeric' }, SEQ];
    case ProductSort.RATING:
      return [{ sql: 'coalesce(p.average_rating, 0)', desc: true, cast: 'numeric' }, SEQ];
    case ProductSort.BEST_SELLING:
      return [{ sql: 'p.units_sold', desc: true, cast: 'bigint' }, SEQ];
  }
}

function badInput(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

/** The key values inside a cursor of this ordering; BAD_USER_INPUT for anything this API did not produce for it. */
function cursorValues(after: string, sort: ProductSort, keys: SortKey[]): string[] {
  const [cursorSort, ...values] = decodeCursor(after, keys.length + 1);
  if (cursorSort !== sort) throw badInput('The cursor belongs to another sortBy: start again without `after` when changing the order', 'after');
  keys.forEach((key, i) => {
    const value = values[i];
    const ok = typeof value === 'string' && (key.cast === 'bigint' ? /^\d{1,18}$/ : /^-?\d{1,15}(\.\d{1,6})?$/).test(value);
    if (!ok) throw badInput('The cursor is malformed: pass an endCursor or cursor returned by this API', 'after');
  });
  return values as string[];
}

/** `(k1, k2…) after (v1, v2…)` in the ordering's directions, expanded so mixed directions work. */
function keysetCondition(keys: SortKey[], values: string[], param: (v: unknown) => string): string {
  const placeholders = keys.map((k, i) => `${param(values[i])}::${k.cast}`);
  const alternatives = keys.map((key, i) => {
    const equal = keys.slice(0, i).map((k, j) => `${k.sql} = ${placeholders[j]}`);
    return [...equal, `${key.sql} ${key.desc ? '<' : '>'} ${placeholders[i]}`].join(' AND ');
  });
  return `(${alternatives.map((a) => `(${a})`).join(' OR ')})`;
}

export interface ProductListArgs {
  first?: number | null;
  after?: string | null;
  filter?: ProductFilter | null;
  sortBy?: ProductSort | null;
}

/**
 * The product list: filters, keyset pagination and the total, in two statements whatever the page
 * size. The page's rows are complete products, handed to the request's loader for later fields.
 */
export async function listProducts(ctx: CatalogContext, args: ProductListArgs): Promise<Connection<ProductRow>> {
  const limit = pageSize(args.first, DEFAULT_PAGE, MAX_PAGE);
  const filter = args.filter ?? {};
  const tsQuery = filter.search ? toPrefixTsQuery(filter.search) : null;
  const sort = args.sortBy ?? (tsQuery ? ProductSort.RELEVANCE : ProductSort.NEWEST);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const tsQueryParam = tsQuery ? param(tsQuery) : null;
  const keys = sortKeys(sort, tsQueryParam);
  const after = args.after ? cursorValues(args.after, sort, keys) : null;

  const where: string[] = [];
  if (!isStaff(ctx)) where.push(`p.status = 'ACTIVE'`);
  else if (filter.status) where.push(`p.status = ${param(filter.status)}`);
  if (tsQueryParam) where.push(`p.search_vector @@ to_tsquery('english', ${tsQueryParam})`);
  if (filter.brandId) {
    if (!isUuid(filter.brandId)) throw badInput('filter.brandId must be a Brand id (a UUID)', 'filter.brandId');
    where.push(`p.brand_id = ${param(filter.brandId.toLowerCase())}`);
  }
  if (filter.minPrice) where.push(`p.effective_price >= ${param(filter.minPrice)}::numeric`);
  if (filter.maxPrice) where.push(`p.effective_price <= ${param(filter.maxPrice)}::numeric`);
  if (filter.inStock === true || filter.inStock === false) {
    where.push(`${filter.inStock ? '' : 'NOT '}EXISTS (SELECT 1 FROM stock_levels s WHERE s.product_id = p.id AND s.on_hand > s.reserved)`);
  }
  if (filter.categorySlug) {
    const category = (await ctx.taxonomy()).categoryBySlug.get(filter.categorySlug);
    if (!category || (!category.isActive && !isStaff(ctx))) return toConnection([], limit, 0, () => [], (r: ProductRow) => r, !!after);
    // the category and every descendant: their paths start with its path
    where.push(`EXISTS (SELECT 1 FROM product_categories pc JOIN categories c ON c.id = pc.category_id
                         WHERE pc.product_id = p.id AND c.path LIKE ${param(`${category.path}%`)})`);
  }
  const filters = where.length ? where.join(' AND ') : 'true';
  const countParams = [...params];
  const keyset = after ? ` AND ${keysetCondition(keys, after, param)}` : '';
  const keyColumns = keys.map((k, i) => `(${k.sql})::text AS "k${i}"`).join(', ');
  const order = keys.map((k) => `${k.sql} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');

  const { rows, total } = await ctx.db.read(async (m) => {
    const rows = await sql<ProductRow & Record<string, string>>(
      m,
      `SELECT ${PRODUCT_COLUMNS}, ${keyColumns} FROM products p WHERE ${filters}${keyset} ORDER BY ${order} LIMIT ${param(limit + 1)}`,
      params,
    );
    const count = await sqlOne<{ n: number }>(m, `SELECT count(*)::int AS n FROM products p WHERE ${filters}`, countParams);
    return { rows, total: count!.n };
  });
  const products = rows.map((row) => {
    const product: ProductRow & Record<string, unknown> = { ...row };
    keys.forEach((_, i) => delete product[`k${i}`]);
    ctx.loaders.productById.prime(product.id, product);
    return { row, product: product as ProductRow };
  });
  return toConnection(products, limit, total, ({ row }) => [sort, ...keys.map((_, i) => row[`k${i}`])], ({ product }) => product, !!after);
}
