import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { TAXONOMY } from '../common/cache-hints';

@Directive(TAXONOMY)
@ObjectType({ description: 'A node of the category tree. Filtering products by a category includes all of its descendants.' })
export class Category {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'Display name, e.g. "Headphones".' })
  name!: string;

  @Field({ description: 'URL-safe unique name, e.g. "headphones"; pass it as ProductFilter.categorySlug.' })
  slug!: string;

  @Field(() => String, { nullable: true, description: 'A paragraph about the category, plain text.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Absolute URL of the category\'s banner image, or null.' })
  imageUrl!: string | null;

  @Field({ description: 'False when staff hid the category; customers and guests only ever see active categories.' })
  isActive!: boolean;

  @Field(() => Int, { description: 'Position among its siblings, ascending (then by name).' })
  sortOrder!: number;

  @Field(() => Int, { description: 'How deep it sits in the tree: 0 for a root, 1 for its children, and so on.' })
  depth!: number;
}
