import { randomUUID } from 'node:crypto';
import { sqlOne } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { publish } from '../../../../platform/queue/outbox';
import { CategoryError } from './category.errors';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { isHttpUrl } from '../../../../platform/validation';
import { isSlug, slugify } from '../common/rules';
import { VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';
import { CategoryEntity } from './category.entity';
import type { CreateCategoryInput } from './category.inputs';
import type { CategoryRow } from './taxonomy';

export const MAX_DEPTH = 4;

type Result = { category: CategoryRow | null; userErrors: UserError[] };
const failed = (...userErrors: UserError[]): Result => ({ category: null, userErrors });
const taken = () => failed(userError(CategoryError.TAKEN, 'Another category already has this slug', 'input.slug'));

function problems(input: CreateCategoryInput, slug: string): UserError[] {
  const list: UserError[] = [];
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) list.push(userError(CategoryError.INVALID, 'Name must be 1 to 200 characters', 'input.name'));
  if (!isSlug(slug) && (input.slug || list.length === 0)) list.push(userError(CategoryError.INVALID, 'Slug must be lower-case letters and digits in words joined by single hyphens', 'input.slug'));
  if (input.description && input.description.length > 2000) list.push(userError(CategoryError.INVALID, 'Description must be at most 2,000 characters', 'input.description'));
  if (input.imageUrl && !isHttpUrl(input.imageUrl)) list.push(userError(CategoryError.INVALID, 'Image URL must be an absolute http(s) URL', 'input.imageUrl'));
  return list;
}

/** Adds a category under `parentSlug` (or as a root), last among its siblings. */
export async function createCategory(ctx: CatalogContext, input: CreateCategoryInput): Promise<Result> {
  const slug = input.slug ?? slugify(input.name);
  const invalid = problems(input, slug);
  if (invalid.length) return failed(...invalid);
  try {
    const result = await ctx.db.write(async (m): Promise<Result> => {
      if (await m.existsBy(CategoryEntity, { slug })) return taken();
      let parent: Pick<CategoryEntity, 'id' | 'path' | 'depth'> | null = null;
      if (input.parentSlug) {
        parent = await m.findOne(CategoryEntity, { select: { id: true, path: true, depth: true }, where: { slug: input.parentSlug }, lock: { mode: 'pessimistic_read' } });
        if (!parent) return failed(userError(CategoryError.NOT_FOUND, 'No category has this slug', 'input.parentSlug'));
        if (parent.depth + 1 > MAX_DEPTH) return failed(userError(CategoryError.INVALID, `Categories nest at most ${MAX_DEPTH + 1} levels deep`, 'input.parentSlug'));
      }
      const id = randomUUID();
      // the sort order comes from the siblings in the same statement
      const row = await sqlOne<CategoryRow>(
        m,
        `INSERT INTO categories (id, parent_id, name, slug, description, image_url, path, depth, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
                 (SELECT coalesce(max(sort_order) + 1, 0) FROM categories WHERE parent_id IS NOT DISTINCT FROM $2::uuid))
         RETURNING id, parent_id AS "parentId", name, slug, description, image_url AS "imageUrl", is_active AS "isActive",
                   sort_order AS "sortOrder", path, depth`,
        [id, parent?.id ?? null, input.name.trim(), slug, input.description ?? null, input.imageUrl ?? null, `${parent?.path ?? ''}${id}/`, parent ? parent.depth + 1 : 0],
      );
      await publish(m, 'catalog.changed', { productIds: [], categories: true });
      return { category: row!, userErrors: [] };
    }, VISIBLE_TO_ALL);
    if (result.category) await ctx.catalogChanged({ productIds: [], categories: true });
    return result;
  } catch (error) {
    if (uniqueViolation(error) !== null) return taken();
    throw error;
  }
}
