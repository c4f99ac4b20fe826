import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, DecimalScalar, JSONScalar } from '../../../../platform/graphql/scalars';
import { PUBLIC } from '../common/cache-hints';
import { connectionType } from '../../../../platform/graphql/connection';
import { ProductStatus } from './product-status';

/**
 * The public shape of a product. Fields without a resolver are read straight from the ProductRow;
 * the rest (price, brand, categories, stock, reviews…) live in ProductFieldsResolver.
 */
@Directive('@key(fields: "id")')
@Directive(PUBLIC)
@ObjectType({
  description:
    'Something the shop sells. Customers and guests only see ACTIVE products (others read as null); staff see every status. Other services (wishlists, carts, orders) refer to a product by id.',
})
export class Product {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'Stock keeping unit: unique (case-insensitive), letters, digits, ".", "_" and "-".' })
  sku!: string;

  @Field({ description: 'URL-safe unique name used in product page addresses, e.g. "wireless-headphones".' })
  slug!: string;

  @Field({ description: 'Display name, 1 to 200 characters.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Full description, plain text with line breaks; null when none.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'One or two sentences for product cards; null when none.' })
  shortDescription!: string | null;

  @Field(() => ProductStatus, { description: 'Life-cycle status; always ACTIVE for customers and guests.' })
  status!: ProductStatus;

  @Field(() => JSONScalar, { description: 'Free-form specification as a JSON object of name → value, e.g. {"color": "black", "batteryHours": 30}.' })
  attributes!: Record<string, unknown>;

  @Field(() => [String], { description: 'Absolute image URLs, the featured image first. Empty when the product has no images.' })
  images!: string[];

  @Field(() => DecimalScalar, { nullable: true, description: 'Shipping weight in kilograms as a decimal string, e.g. "0.250"; null when unknown.' })
  weight!: string | null;

  @Field(() => String, { nullable: true, description: 'Package dimensions as written by staff, e.g. "20 x 15 x 8 cm"; null when unknown.' })
  dimensions!: string | null;

  @Field(() => Int, { description: 'How many APPROVED reviews the product has (pending and rejected ones do not count).' })
  reviewCount!: number;

  @Field(() => DateTimeScalar, { description: 'When the product was created (ISO-8601).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the product was last changed (ISO-8601).' })
  updatedAt!: Date;
}

export const ProductConnection = connectionType(
  'Product',
  Product,
  'A page of products with opaque keyset cursors: pages stay correct while products are added.',
  PUBLIC,
);
