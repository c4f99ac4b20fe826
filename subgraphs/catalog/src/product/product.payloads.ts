import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import type { ProductRow } from './product-row';
import { Product } from './product.type';

@ObjectType({ description: 'A product after createProduct or updateProduct.' })
export class ProductPayload {
  @Field(() => Product, { nullable: true, description: 'The product as stored; null when userErrors is not empty (then nothing changed).' })
  product!: ProductRow | null;

  @Field(() => [UserError], {
    description: 'Why nothing changed: INVALID (a field out of range), TAKEN (slug or SKU used by another product), NOT_FOUND (unknown product, brand or category slug).',
  })
  userErrors!: UserError[];
}
