import type { EntityManager } from 'typeorm';
import { sql, sqlOne } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { publish } from '../../../../platform/queue/outbox';
import { isUuid } from '../../../../platform/validation';
import { ReviewError } from './review.errors';
import { VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';
import { ProductEntity } from '../product/product.entity';
import { ProductStatus } from '../product/product-status';
import { REVIEW_COLUMNS, type ReviewRow } from './review-row';
import { ReviewEntity } from './review.entity';
import type { ReviewStatus } from './review-status';
import type { AddReviewInput } from './review.inputs';

type Result = { review: ReviewRow | null; userErrors: UserError[] };
const failed = (...userErrors: UserError[]): Result => ({ review: null, userErrors });

function problems(input: AddReviewInput): UserError[] {
  const list: UserError[] = [];
  if (!isUuid(input.productId)) list.push(userError(ReviewError.NOT_FOUND, 'No product has this id', 'input.productId'));
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) list.push(userError(ReviewError.INVALID, 'Rating must be a whole number from 1 to 5', 'input.rating'));
  if (input.title && input.title.length > 200) list.push(userError(ReviewError.INVALID, 'Title must be at most 200 characters', 'input.title'));
  if (input.content && input.content.length > 5000) list.push(userError(ReviewError.INVALID, 'Content must be at most 5,000 characters', 'input.content'));
  return list;
}

async function readReview(m: EntityManager, id: string): Promise<ReviewRow> {
  return (await sqlOne<ReviewRow>(m, `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.id = $1`, [id]))!;
}

/** A new PENDING review by `authorId`; verified when the author bought the product. */
export async function addReview(ctx: CatalogContext, input: AddReviewInput, authorId: string): Promise<Result> {
  const invalid = problems(input);
  if (invalid.length) return failed(...invalid);
  const productId = input.productId.toLowerCase();
  const result = await ctx.db.write(async (m): Promise<Result> => {
    if (!(await m.existsBy(ProductEntity, { id: productId, status: ProductStatus.ACTIVE }))) return failed(userError(ReviewError.NOT_FOUND, 'No product has this id', 'input.productId'));
    const inserted = await sql<{ id: string }>(
      m,
      `INSERT INTO reviews (product_id, author_id, rating, title, content, is_verified_purchase)
       VALUES ($1, $2, $3, $4, $5, EXISTS (SELECT 1 FROM purchases WHERE user_id = $2 AND product_id = $1))
       ON CONFLICT ON CONSTRAINT reviews_one_per_author DO NOTHING RETURNING id`,
      [productId, authorId, input.rating, input.title?.trim() || null, input.content?.trim() || null],
    );
    if (!inserted.length) return failed(userError(ReviewError.ALREADY_REVIEWED, 'You have already reviewed this product', 'input.productId'));
    return { review: await readReview(m, inserted[0].id), userErrors: [] };
  });
  return result;
}

/**
 * Sets a review's status and recomputes the product's averageRating and reviewCount from its
 * APPROVED reviews. The product row is locked first, so concurrent moderations of one product
 * each see the other's result.
 */
export async function moderateReview(ctx: CatalogContext, id: string, status: ReviewStatus, moderatorId: string): Promise<Result> {
  if (!isUuid(id)) return failed(userError(ReviewError.NOT_FOUND, 'No review has this id', 'id'));
  const result = await ctx.db.write(async (m): Promise<Result> => {
    const review = await m.findOne(ReviewEntity, { select: { id: true, productId: true }, where: { id } });
    if (!review) return failed(userError(ReviewError.NOT_FOUND, 'No review has this id', 'id'));
    await m.findOne(ProductEntity, { select: { id: true }, where: { id: review.productId }, lock: { mode: 'pessimistic_write' } });
    // updated_at is set by TypeORM (UpdateDateColumn)
    await m.update(ReviewEntity, id, { status, moderatedBy: moderatorId, moderatedAt: () => 'now()' });
    await recomputeRatings(m, [review.productId]);
    await publish(m, 'catalog.changed', { productIds: [review.productId], categories: false });
    return { review: await readReview(m, id), userErrors: [] };
  }, VISIBLE_TO_ALL);
  if (result.review) await ctx.catalogChanged({ productIds: [result.review.productId], categories: false });
  return result;
}

/** averageRating (2 decimals) and reviewCount of products from their APPROVED reviews. */
export async function recomputeRatings(m: EntityManager, productIds: string[]): Promise<void> {
  await sql(
    m,
    `UPDATE products p SET average_rating = a.average, review_count = a.n, updated_at = now()
       FROM (SELECT k.id, round(avg(r.rating)::numeric, 2) AS average, count(r.id)::int AS n
               FROM unnest($1::uuid[]) AS k(id)
               LEFT JOIN reviews r ON r.product_id = k.id AND r.status = 'APPROVED'
              GROUP BY k.id) AS a
      WHERE p.id = a.id`,
    [productIds],
  );
}
