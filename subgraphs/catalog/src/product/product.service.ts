import { In, type EntityManager } from 'typeorm';
import { sql, sqlOne } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { publish } from '../../../../platform/queue/outbox';
import { isUuid } from '../../../../platform/validation';
import { ProductError } from './product.errors';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { slugify } from '../common/rules';
import { VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';
import { BrandEntity } from '../brand/brand.entity';
import { CategoryEntity } from '../category/category.entity';
import { PRODUCT_COLUMNS, type ProductRow } from './product-row';
import { ProductCategoryEntity, ProductEntity } from './product.entity';
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
  return (await sqlOne<ProductRow>(m, `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = $1`, [id]))!;
}

/** Category ids for slugs, in the given order; NOT_FOUND errors for unknown ones. */
async function categoryIds(m: EntityManager, slugs: string[]): Promise<{ ids: string[]; problems: UserError[] }> {
  const unique = [...new Set(slugs)];
  const rows = unique.length ? await m.find(CategoryEntity, { select: { id: true, slug: true }, where: { slug: In(unique) } }) : [];
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  const problems = unique
    .map((slug) => (bySlug.has(slug) ? null : userError(ProductError.NOT_FOUND, `No category has the slug "${slug}"`, `input.categorySlugs.${slugs.indexOf(slug)}`)))
    .filter((p): p is UserError => p !== null);
  return { ids: unique.map((s) => bySlug.get(s)!).filter(Boolean), problems };
}

async function brandProblem(m: EntityManager, brandId: string | null | undefined): Promise<UserError | null> {
  if (!brandId) return null;
  return (await m.existsBy(BrandEntity, { id: brandId })) ? null : userError(ProductError.NOT_FOUND, 'No brand has this id', 'input.brandId');
}

/** TAKEN for a slug or SKU another product (other than `exceptId`) holds. */
async function takenProblems(m: EntityManager, slug: string | undefined, sku: string | undefined, exceptId?: string): Promise<UserError[]> {
  if (!slug && !sku) return [];
  const rows = await sql<{ slug: string; sku: string }>(
    m,
    'SELECT slug, sku FROM products WHERE (slug = $1 OR upper(sku) = upper($2)) AND id IS DISTINCT FROM $3::uuid',
    [slug ?? null, sku ?? null, exceptId ?? null],
  );
  const problems: UserError[] = [];
  if (slug && rows.some((r) => r.slug === slug)) problems.push(taken('slug').userErrors[0]);
  if (sku && rows.some((r) => r.sku.toUpperCase() === sku.toUpperCase())) problems.push(taken('sku').userErrors[0]);
  return problems;
}

async function setCategories(m: EntityManager, productId: string, ids: string[]): Promise<void> {
  await m.delete(ProductCategoryEntity, { productId });
  if (ids.length) await m.insert(ProductCategoryEntity, ids.map((categoryId, position) => ({ productId, categoryId, position })));
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
      const { identifiers } = await m.insert(ProductEntity, {
        sku, slug, name: input.name.trim(), description: input.description ?? null, shortDescription: input.shortDescription ?? null,
        price: input.price, salePrice: input.salePrice ?? null, status: input.status ?? ProductStatus.DRAFT, attributes: input.attributes ?? {},
        images: input.images ?? [], weight: input.weight ?? null, dimensions: input.dimensions ?? null, brandId: input.brandId?.toLowerCase() ?? null,
      });
      const id = identifiers[0].id as string;
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

/** The input fields that are product columns (same names as ProductEntity's). */
const COLUMNS = ['name', 'sku', 'slug', 'description', 'shortDescription', 'price', 'salePrice', 'status', 'brandId', 'attributes', 'images', 'weight', 'dimensions'] as const;

/** Changes a product. userErrors: NOT_FOUND (product, brand, category), INVALID, TAKEN. */
export async function updateProduct(ctx: CatalogContext, id: string, rawInput: UpdateProductInput): Promise<ProductResult> {
  if (!isUuid(id)) return failed(userError(ProductError.NOT_FOUND, 'No product has this id', 'id'));
  const input = withoutNullRequired(rawInput);
  if (input.name !== undefined) input.name = input.name!.trim();
  if (input.sku !== undefined) input.sku = input.sku!.trim();
  try {
    const result = await ctx.db.write(async (m): Promise<ProductResult> => {
      const current = await m.findOne(ProductEntity, { select: { id: true, price: true, salePrice: true }, where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) return failed(userError(ProductError.NOT_FOUND, 'No product has this id', 'id'));
      const problems = productProblems(input, current);
      if (problems.length) return failed(...problems);
      const categories = input.categorySlugs ? await categoryIds(m, input.categorySlugs) : null;
      const brand = await brandProblem(m, input.brandId);
      const refused = [...(await takenProblems(m, input.slug ?? undefined, input.sku ?? undefined, id)), ...(brand ? [brand] : []), ...(categories?.problems ?? [])];
      if (refused.length) return failed(...refused);
      const changes: Record<string, unknown> = {};
      for (const key of COLUMNS) {
        if (input[key] !== undefined) changes[key] = key === 'brandId' ? (input.brandId?.toLowerCase() ?? null) : input[key];
      }
      // updated_at is set by TypeORM (UpdateDateColumn)
      await m.update(ProductEntity, id, changes);
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
