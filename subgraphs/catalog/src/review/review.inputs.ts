import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A review of a product by the signed-in customer.' })
export class AddReviewInput {
  @Field(() => ID, { description: 'The product (NOT_FOUND when unknown or not on sale).' })
  productId!: string;

  @Field(() => Int, { description: 'Stars, 1 to 5 (else INVALID).' })
  rating!: number;

  @Field(() => String, { nullable: true, description: 'A headline, at most 200 characters (else INVALID).' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The review text, at most 5,000 characters (else INVALID).' })
  content?: string | null;
}
