import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { PUBLIC } from '../common/cache-hints';
import { connectionType } from '../../../../platform/graphql/connection';
import { ReviewStatus } from './review-status';

@Directive(PUBLIC)
@ObjectType({ description: 'A customer\'s rating and opinion of a product. Public once APPROVED; until then only its author and staff see it.' })
export class Review {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => Int, { description: 'Stars, 1 (worst) to 5 (best).' })
  rating!: number;

  @Field(() => String, { nullable: true, description: 'A headline, at most 200 characters; null when none.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'The review text, plain text, at most 5,000 characters; null when none.' })
  content!: string | null;

  @Field(() => ReviewStatus, { description: 'Moderation state: PENDING until staff approve or reject it.' })
  status!: ReviewStatus;

  @Field({ description: 'True when the author bought the product in a confirmed order.' })
  isVerifiedPurchase!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the review was written (ISO-8601).' })
  createdAt!: Date;
}

export const ReviewConnection = connectionType('Review', Review, 'A page of reviews, newest first.', PUBLIC);

/**
 * The users subgraph's User, as the catalog knows it: by id. The catalog adds `reviews`; the
 * gateway fetches every other field (name…) from the users subgraph.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or staff account. The catalog adds the reviews the user wrote.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
