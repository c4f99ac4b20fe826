import type { ReviewStatus } from './review-status';

export interface ReviewRow {
  id: string;
  seq: string;
  productId: string;
  authorId: string;
  rating: number;
  title: string | null;
  content: string | null;
  status: ReviewStatus;
  isVerifiedPurchase: boolean;
  createdAt: Date;
}

/** The select list that produces a ReviewRow from `reviews r`. */
export const REVIEW_COLUMNS = `
  r.id, r.seq::text AS seq, r.product_id::text AS "productId", r.author_id::text AS "authorId", r.rating, r.title,
  r.content, r.status, r.is_verified_purchase AS "isVerifiedPurchase", r.created_at AS "createdAt"`;
