import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer, isSelfOrStaff, Staff } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { pageSize, toConnection } from '../../../../platform/graphql/connection';
import { INHERIT, markPrivate, PRIVATE } from '../../../../platform/graphql/cache-hints';
import { seqAfter } from '../../../../platform/paged-loader';
import { isUuid } from '../../../../platform/validation';
import type { CatalogContext } from '../context';
import type { ProductRow } from '../product/product-row';
import { visible } from '../product/product.resolver';
import { Product } from '../product/product.type';
import { REVIEW_COLUMNS, type ReviewRow } from './review-row';
import { ReviewStatus } from './review-status';
import { AddReviewInput } from './review.inputs';
import { ReviewPayload } from './review.payloads';
import * as reviews from './review.service';
import { Review, ReviewConnection, User } from './review.type';
import { sql } from '../../../../platform/db/sql';
import { ReviewEntity } from './review.entity';

export const MAX_REVIEWS_PAGE = 100;

@Resolver(() => Review)
export class ReviewResolver {
  @Staff()
  @Directive(PRIVATE)
  @Query(() => ReviewConnection, { description: 'Reviews in one moderation state, oldest first: the moderation queue. Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED.' })
  async reviewsForModeration(
    @Ctx() ctx: CatalogContext,
    @Arg('status', () => ReviewStatus, { defaultValue: ReviewStatus.PENDING, description: 'Which reviews; default PENDING.' }) status: ReviewStatus,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 0 to ${MAX_REVIEWS_PAGE} (default 20; more → BAD_USER_INPUT).` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a malformed one → BAD_USER_INPUT).' }) after?: string | null,
  ) {
    const limit = pageSize(first, 20, MAX_REVIEWS_PAGE);
    const afterSeq = seqAfter(after);
    const { rows, total } = await ctx.db.read(async (m) => {
      const rows = await sql<ReviewRow>(
        m,
        `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.status = $1 AND ($2::bigint IS NULL OR r.seq > $2::bigint) ORDER BY r.seq LIMIT $3`,
        [status, afterSeq, limit + 1],
      );
      return { rows, total: await m.countBy(ReviewEntity, { status }) };
    });
    return toConnection(rows, limit, total, (r) => [r.seq], (r) => r, afterSeq !== null);
  }

  @Customer()
  @Mutation(() => ReviewPayload, {
    description:
      'Reviews a product as the signed-in customer (guests get UNAUTHENTICATED). The review is PENDING, and does not count in averageRating, until staff approve it; isVerifiedPurchase is true when the customer bought the product. userErrors: INVALID (rating outside 1..5), NOT_FOUND, ALREADY_REVIEWED.',
  })
  addReview(@Arg('input', () => AddReviewInput, { description: 'The review.' }) input: AddReviewInput, @Ctx() ctx: CatalogContext) {
    return reviews.addReview(ctx, input, requireIdentity(ctx).userId);
  }

  @Staff()
  @Mutation(() => ReviewPayload, {
    description:
      'Approves or rejects a review (or puts it back to PENDING) and recomputes the product\'s averageRating and reviewCount from its APPROVED reviews. Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED. userErrors: NOT_FOUND.',
  })
  moderateReview(
    @Arg('id', () => ID, { description: 'The review.' }) id: string,
    @Arg('status', () => ReviewStatus, { description: 'The new state.' }) status: ReviewStatus,
    @Ctx() ctx: CatalogContext,
  ) {
    return reviews.moderateReview(ctx, id, status, requireIdentity(ctx).userId);
  }

  @Directive(INHERIT) // the author's public profile lives as long as the review
  @FieldResolver(() => User, { nullable: true, description: 'Who wrote it (the gateway adds the user\'s public fields, such as name); null when the account no longer exists.' })
  author(@Root() r: ReviewRow): User {
    return { id: r.authorId };
  }

  @FieldResolver(() => Product, { nullable: true, description: 'The product reviewed; null when it is no longer on sale (for anyone but staff).' })
  async product(@Root() r: ReviewRow, @Ctx() ctx: CatalogContext): Promise<ProductRow | null> {
    return visible(ctx, await ctx.loaders.productById.load(r.productId));
  }
}

@Resolver(() => Product)
export class ProductReviewsResolver {
  @FieldResolver(() => ReviewConnection, { description: 'The product\'s APPROVED reviews, newest first; totalCount equals reviewCount.' })
  async reviews(
    @Root() p: ProductRow,
    @Ctx() ctx: CatalogContext,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 0 to ${MAX_REVIEWS_PAGE} (default 10; more → BAD_USER_INPUT).` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a malformed one → BAD_USER_INPUT).' }) after?: string | null,
  ) {
    const limit = pageSize(first, 10, MAX_REVIEWS_PAGE);
    const afterSeq = seqAfter(after);
    const rows = limit === 0 ? [] : await ctx.loaders.approvedReviewsByProduct.load(p.id, limit + 1, afterSeq);
    return toConnection(rows, limit, p.reviewCount, (r) => [r.seq], (r) => r, afterSeq !== null);
  }
}

@Resolver(() => User)
export class UserReviewsResolver {
  @FieldResolver(() => ReviewConnection, {
    description: 'Reviews the user wrote, newest first: every state for the user themself and staff, APPROVED ones for anyone else.',
  })
  async reviews(
    @Root() user: User,
    @Ctx() ctx: CatalogContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 0 to ${MAX_REVIEWS_PAGE} (default 10; more → BAD_USER_INPUT).` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a malformed one → BAD_USER_INPUT).' }) after?: string | null,
  ) {
    const limit = pageSize(first, 10, MAX_REVIEWS_PAGE);
    const afterSeq = seqAfter(after);
    const all = isSelfOrStaff(ctx.identity, user.id);
    if (all) markPrivate(info);
    if (!isUuid(user.id)) return toConnection([] as ReviewRow[], limit, 0, (r) => [r.seq], (r) => r, false);
    const loader = all ? ctx.loaders.allReviewsByAuthor : ctx.loaders.approvedReviewsByAuthor;
    const [rows, counts] = await Promise.all([
      limit === 0 ? Promise.resolve([]) : loader.load(user.id, limit + 1, afterSeq),
      ctx.loaders.reviewCountsByAuthor.load(user.id),
    ]);
    return toConnection(rows, limit, all ? counts.all : counts.approved, (r) => [r.seq], (r) => r, afterSeq !== null);
  }
}
