import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import type { ReviewRow } from './review-row';
import { Review } from './review.type';

@ObjectType({ description: 'A review after addReview or moderateReview.' })
export class ReviewPayload {
  @Field(() => Review, { nullable: true, description: 'The review as stored; null when userErrors is not empty (then nothing changed).' })
  review!: ReviewRow | null;

  @Field(() => [UserError], {
    description: 'Why nothing changed: INVALID (rating outside 1..5, text too long), NOT_FOUND (unknown product or review), ALREADY_REVIEWED (one review per customer and product).',
  })
  userErrors!: UserError[];
}
