import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { publish } from '../../../../platform/queue/outbox';
import { isUuid } from '../../../../platform/validation';
import { ProductError } from './product.errors';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { slugify } from '../common/rules';
import { VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';
import { PRODUCT_COLUMNS, type ProductRow } from './product-row';
import { ProductStatus } from './product-status';
import type { CreateProductInput, UpdateProductInput } from './product.inputs';
import { productProblems } from './product.rules';

export interface ProductResult {
  product: ProductRow | null;
  userErrors: UserError[];
}

const failed = (...userErrors: UserError[]): ProductResult => ({ product: null, userErrors });

const taken = (constraint: string): ProductResult =>
  constraint.includes('sku')
    ? failed(userError(ProductError.TAKEN, 'Another product already has this SKU', 'input.sku'))
    : failed(userError(ProductError.TAKEN, 'Another product already has this slug', 'input.slug'));

async function readProduct(m: EntityManager, id: string): Promise<ProductRow> {
  const [row] = await m.query(`SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = $1`, [id]);
  return row;
}

/** Category ids for slugs, in the given order; NOT_FOUND errors for unknown ones. */
async function categoryIds(m: EntityManager, slugs: string[]): Promise<{ ids: string[]; problems: UserError[] }> {
  const unique = [...new Set(slugs)];
  const rows: { id: string; slug: string }[] = unique.length ? await m.query('SELECT id, slug FROM categories WHERE slug = ANY($1::text[])', [unique]) : [];
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  const problems = unique
    .map((slug) => (bySlug.has(slug) ? null : userError(ProductError.NOT_FOUND, `No category has the slug "${slug}"`, `input.categorySlugs.${slugs.indexOf(slug)}`)))
    .filter((p): p is UserError => p !== null);
  return { ids: unique.map((s) => bySlug.get(s)!).filter(Boolean), problems };
}

async function brandProblem(m: EntityManager, brandId: string | null | undefined): Promise<UserError | null> {
  if (!brandId) return null;
  const [row] = await m.query('SELECT 1 FROM brands WHERE id = $1', [brandId]);
  return row ? null : userError(ProductError.NOT_FOUND, 'No brand has this id', 'input.brandId');
}

/** TAKEN for a slug or SKU another product (other than `exceptId`) holds. */
async function takenProblems(m: EntityManager, slug: string | undefined, sku: string | undefined, exceptId?: string): Promise<UserError[]> {
  if (!slug && !sku) return [];
  const rows: { slug: string; sku: string }[] = await m.query(
    'SELECT slug, sku FROM products WHERE (slug = $1 OR upper(sku) = upper($2)) AND id IS DISTINCT FROM $3::uuid',
    [slug ?? null, sku ?? null, exceptId ?? null],
  );
  const problems: UserError[] = [];
  if (slug && rows.some((r) => r.slug === slug)) problems.push(taken('slug').userErrors[0]);
  if (sku && rows.some((r) => r.sku.toUpperCase() === sku.toUpperCase())) problems.push(taken('sku').userErrors[0]);
  return problems;
}

async function setCategories(m: EntityManager, productId: string, ids: string[]): Promise<void> {
  await m.query('DELETE FROM product_categories WHERE product_id = $1', [productId]);
  if (ids.length) {
    await m.query(
      'INSERT INTO product_categories (product_id, category_id, position) SELECT $1, c.id, c.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, n)',
      [productId, ids],
    );
  }
}

/** Creates a product (DRAFT unless told otherwise). userErrors: INVALID, TAKEN, NOT_FOUND (brand, category). */
export async function createProduct(ctx: CatalogContext, input: CreateProductInput): Promise<ProductResult> {
  const problems = productProblems(input);
  const slug = input.slug ?? slugify(input.name ?? '');
  if (!input.slug && !slug && !problems.some((p) => p.field === 'input.name')) problems.push(userError(ProductError.INVALID, 'No slug can be derived from this name: give a slug', 'input.slug'));
  if (problems.length) return failed(...problems);
  const sku = input.sku.trim();
  try {
    const result = await ctx.db.write(async (m): Promise<ProductResult> => {
      const categories = await categoryIds(m, input.categorySlugs ?? []);
      const brand = await brandProblem(m, input.brandId);
      const refused = [...(await takenProblems(m, slug, sku)), ...(brand ? [brand] : []), ...categories.problems];
      if (refused.length) return failed(...refused);
      const [{ id }] = await m.query(
        `INSERT INTO products (sku, slug, name, description, short_description, price, sale_price, status, attributes, images, weight, dimensions, brand_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          sku, slug, input.name.trim(), input.description ?? null, input.shortDescription ?? null, input.price, input.salePrice ?? null,
          input.status ?? ProductStatus.DRAFT, JSON.stringify(input.attributes ?? {}), input.images ?? [], input.weight ?? null,
          input.dimensions ?? null, input.brandId?.toLowerCase() ?? null,
        ],
      );
      await setCategories(m, id, categories.ids);
      await publish(m, 'catalog.changed', { productIds: [id], categories: false });
      return { product: await readProduct(m, id), userErrors: [] };
    }, VISIBLE_TO_ALL);
    if (result.product) await ctx.catalogChanged({ productIds: [result.product.id], categories: false });
    return result;
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint !== null) return taken(constraint);
    throw error;
  }
}

/** Only the fields present change; null clears optional fields and leaves required ones as they are. */
function withoutNullRequired(input: UpdateProductInput): UpdateProductInput {
  const copy = { ...input };
  for (const key of ['name', 'sku', 'slug', 'price', 'status', 'categorySlugs', 'attributes', 'images'] as const) {
    if (copy[key] === null) delete copy[key];
  }
  return copy;
}

const COLUMNS: Partial<Record<keyof UpdateProductInput, string>> = {
  name: 'name', sku: 'sku', slug: 'slug', description: 'description', shortDescription: 'short_description', price: 'price',
  salePrice: 'sale_price', status: 'status', brandId: 'brand_id', attributes: 'attributes', images: 'images', weight: 'weight', dimensions: 'dimensions',
};

/** Changes a product. userErrors: NOT_FOUND (product, brand, category), INVALID, TAKEN. */
export async function updateProduct(ctx: CatalogContext, id: string, rawInput: UpdateProductInput): Promise<ProductResult> {
  if (!isUuid(id)) return failed(userError(ProductError.NOT_FOUND, 'No product has this id', 'id'));
  const input = withoutNullRequired(rawInput);
  if (input.name !== undefined) input.name = input.name!.trim();
  if (input.sku !== undefined) input.sku = input.sku!.trim();
  try {
    const result = await ctx.db.write(async (m): Promise<ProductResult> => {
      const [current] = await m.query('SELECT price, sale_price AS "salePrice" FROM products WHERE id = $1 FOR UPDATE', [id]);
      if (!current) return failed(userError(ProductError.NOT_FOUND, 'No product has this id', 'id'));
      const problems = productProblems(input, current);
      if (problems.length) return failed(...problems);
      const categories = input.categorySlugs ? await categoryIds(m, input.categorySlugs) : null;
      const brand = await brandProblem(m, input.brandId);
      const refused = [...(await takenProblems(m, input.slug ?? undefined, input.sku ?? undefined, id)), ...(brand ? [brand] : []), ...(categories?.problems ?? [])];
      if (refused.length) return failed(...refused);
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [key, column] of Object.entries(COLUMNS) as [keyof UpdateProductInput, string][]) {
        if (input[key] === undefined) continue;
        const value = key === 'attributes' ? JSON.stringify(input[key]) : key === 'brandId' ? (input.brandId?.toLowerCase() ?? null) : input[key];
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
      await m.query(`UPDATE products SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, params);
      if (categories) await setCategories(m, id, categories.ids);
      await publish(m, 'catalog.changed', { productIds: [id], categories: false });
      return { product: await readProduct(m, id), userErrors: [] };
    }, VISIBLE_TO_ALL);
    if (result.product) await ctx.catalogChanged({ productIds: [id], categories: false });
    return result;
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint !== null) return taken(constraint);
    throw error;
  }
}
