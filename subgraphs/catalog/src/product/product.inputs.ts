import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DecimalScalar, JSONScalar } from '../../../../platform/graphql/scalars';
import { ProductStatus } from './product-status';

export enum ProductSort {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  RATING = 'RATING',
  BEST_SELLING = 'BEST_SELLING',
}

registerEnumType(ProductSort, {
  name: 'ProductSort',
  description: 'Orderings of the product list. Ties are broken by newest first, so every ordering is total and pages never repeat or skip a product.',
  valuesConfig: {
    RELEVANCE: { description: 'Best full-text match of filter.search first (name matches rank above description matches). Without a search term, the same as NEWEST.' },
    NEWEST: { description: 'Most recently created first.' },
    PRICE_ASC: { description: 'Cheapest first, by the price the customer pays (the sale price when there is one).' },
    PRICE_DESC: { description: 'Most expensive first, by the price the customer pays.' },
    RATING: { description: 'Highest average rating of approved reviews first; unrated products last.' },
    BEST_SELLING: { description: 'Most units sold in confirmed orders first.' },
  },
});

@InputType({ description: 'Narrows the product list. All given conditions must hold.' })
export class ProductFilter {
  @Field(() => String, { nullable: true, description: 'Only products in this category or any of its descendants. An unknown slug matches nothing.' })
  categorySlug?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only products of this brand (a Brand id; a malformed id → BAD_USER_INPUT).' })
  brandId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search over name (weighted highest) and descriptions, in English, at most 200 characters. The last word also matches as a prefix ("head" finds "headphones").',
  })
  search?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Lowest price the customer pays (sale price when there is one), inclusive, e.g. "10.00".' })
  minPrice?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Highest price the customer pays (sale price when there is one), inclusive, e.g. "99.99".' })
  maxPrice?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only products with at least one unit available; false: only sold-out ones.' })
  inStock?: boolean | null;

  @Field(() => ProductStatus, { nullable: true, description: 'Staff only: products of this status. Customers and guests always get ACTIVE products whatever is asked here.' })
  status?: ProductStatus | null;
}

@InputType({ description: 'A new product. Staff only.' })
export class CreateProductInput {
  @Field({ description: 'Display name, 1 to 200 characters (else INVALID).' })
  name!: string;

  @Field({ description: 'Unique stock keeping unit (case-insensitive; else TAKEN): letters, digits, ".", "_", "-", at most 64 characters (else INVALID).' })
  sku!: string;

  @Field(() => String, { nullable: true, description: 'Unique URL name of lower-case words joined by hyphens (else INVALID / TAKEN). Derived from the name when absent.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'Full description, at most 20,000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Card text, at most 500 characters.' })
  shortDescription?: string | null;

  @Field(() => DecimalScalar, { description: 'List price in USD, at least 0, at most 2 decimals, e.g. "19.99" (else INVALID).' })
  price!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Sale price in USD, at most the list price (else INVALID); the price customers pay while set.' })
  salePrice?: string | null;

  @Field(() => ProductStatus, { nullable: true, description: 'Default DRAFT: invisible to customers until set ACTIVE.' })
  status?: ProductStatus | null;

  @Field(() => ID, { nullable: true, description: 'The product\'s brand (NOT_FOUND when unknown).' })
  brandId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Slugs of the categories the product is listed in, the main one first (NOT_FOUND for an unknown slug).' })
  categorySlugs?: string[] | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Specification as a JSON object (anything else → INVALID), at most 10 kB.' })
  attributes?: unknown;

  @Field(() => [String], { nullable: true, description: 'Absolute http(s) image URLs, the featured image first, at most 20 (else INVALID).' })
  images?: string[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Shipping weight in kilograms, at least 0, at most 3 decimals, e.g. "0.250".' })
  weight?: string | null;

  @Field(() => String, { nullable: true, description: 'Package dimensions as free text, e.g. "20 x 15 x 8 cm", at most 100 characters.' })
  dimensions?: string | null;
}

@InputType({ description: 'Changes to a product; only the fields given change (null clears an optional field). Staff only.' })
export class UpdateProductInput {
  @Field(() => String, { nullable: true, description: '1 to 200 characters.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A new unique SKU (TAKEN when another product has it).' })
  sku?: string | null;

  @Field(() => String, { nullable: true, description: 'A new unique slug (TAKEN when another product has it); old product links stop working.' })
  slug?: string | null;

  @Field(() => String, { nullable: true, description: 'Full description; null clears it.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Card text; null clears it.' })
  shortDescription?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'New list price in USD. Visible to every reader as soon as the mutation returns.' })
  price?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'New sale price in USD, at most the list price; null ends the sale.' })
  salePrice?: string | null;

  @Field(() => ProductStatus, { nullable: true, description: 'New status; only ACTIVE products are visible to customers.' })
  status?: ProductStatus | null;

  @Field(() => ID, { nullable: true, description: 'New brand; null removes the brand.' })
  brandId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the product\'s categories (slugs, main one first).' })
  categorySlugs?: string[] | null;

  @Field(() => JSONScalar, { nullable: true, description: 'Replaces the specification (a JSON object).' })
  attributes?: unknown;

  @Field(() => [String], { nullable: true, description: 'Replaces the image URLs, the featured image first.' })
  images?: string[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Shipping weight in kilograms; null clears it.' })
  weight?: string | null;

  @Field(() => String, { nullable: true, description: 'Package dimensions; null clears them.' })
  dimensions?: string | null;
}
