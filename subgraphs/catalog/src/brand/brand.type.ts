import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TAXONOMY } from '../common/cache-hints';

@Directive(TAXONOMY)
@ObjectType({ description: 'A product brand (manufacturer or label). Public.' })
export class Brand {
  @Field(() => ID, { description: 'Stable identifier (UUID); pass it as ProductFilter.brandId to list the brand\'s products.' })
  id!: string;

  @Field({ description: 'Display name, e.g. "Acme".' })
  name!: string;

  @Field({ description: 'URL-safe unique name, e.g. "acme".' })
  slug!: string;

  @Field(() => String, { nullable: true, description: 'A paragraph about the brand, plain text.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Absolute URL of the brand\'s logo image, or null.' })
  logoUrl!: string | null;
}
