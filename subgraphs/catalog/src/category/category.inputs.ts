import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new category. Staff only.' })
export class CreateCategoryInput {
  @Field({ description: 'Display name, 1 to 200 characters (else INVALID).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Unique URL name of lower-case words joined by hyphens (else INVALID / TAKEN); derived from the name when absent.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'Slug of the parent category (NOT_FOUND when unknown); a root category when absent. At most 5 levels deep.' })
  parentSlug?: string | null;

  @Field(() => String, { nullable: true, description: 'A paragraph about the category, at most 2,000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Absolute http(s) URL of a banner image.' })
  imageUrl?: string | null;
}
