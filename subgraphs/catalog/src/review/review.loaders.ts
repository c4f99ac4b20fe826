import type { RequestDb } from '../../../../platform/db/request-db';
import { rowLoader, valueLoader } from '../../../../platform/loaders';
import { pagedGroupLoader } from '../../../../platform/paged-loader';
import { REVIEW_COLUMNS, type ReviewRow } from './review-row';
import { sql } from '../../../../platform/db/sql';

/** Newest-first pages of reviews for many parents in one statement (a lateral join per parent id). */
function pageOf(db: RequestDb, parentColumn: 'product_id' | 'author_id', approvedOnly: boolean) {
  return (parentIds: readonly string[], limit: number, afterSeq: string | null): Promise<ReviewRow[]> =>
    db.read((m) =>
      sql<ReviewRow>(
        m,
        `SELECT page.* FROM unnest($1::uuid[]) AS k(id)
           CROSS JOIN LATERAL (
             SELECT ${REVIEW_COLUMNS} FROM reviews r
              WHERE r.${parentColumn} = k.id ${approvedOnly ? `AND r.status = 'APPROVED'` : ''}
                AND ($3::bigint IS NULL OR r.seq < $3::bigint)
              ORDER BY r.seq DESC LIMIT $2
           ) AS page`,
        [parentIds, limit, afterSeq],
      ),
    );
}

export function reviewLoaders(db: RequestDb) {
  return {
    reviewById: rowLoader(
      (ids: readonly string[]) => db.read((m) => sql<ReviewRow>(m, `SELECT ${REVIEW_COLUMNS} FROM reviews r WHERE r.id = ANY($1::uuid[])`, [ids])),
      (r) => r.id,
    ),
    /** A product's APPROVED reviews, newest first (the count is the product's reviewCount). */
    approvedReviewsByProduct: pagedGroupLoader(pageOf(db, 'product_id', true), (r) => r.productId),
    approvedReviewsByAuthor: pagedGroupLoader(pageOf(db, 'author_id', true), (r) => r.authorId),
    allReviewsByAuthor: pagedGroupLoader(pageOf(db, 'author_id', false), (r) => r.authorId),
    reviewCountsByAuthor: valueLoader(
      (ids: readonly string[]) =>
        db.read((m) =>
          sql<{ authorId: string; approved: number; all: number }>(
            m,
            `SELECT author_id::text AS "authorId", count(*) FILTER (WHERE status = 'APPROVED')::int AS approved, count(*)::int AS "all"
               FROM reviews WHERE author_id = ANY($1::uuid[]) GROUP BY author_id`,
            [ids],
          ),
        ),
      (r) => r.authorId,
      (r) => ({ approved: r.approved, all: r.all }),
      { approved: 0, all: 0 },
    ),
  };
}
