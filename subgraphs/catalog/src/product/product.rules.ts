import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { ProductError } from './product.errors';
import { isHttpUrl, isMoneyAmount, toCents } from '../../../../platform/validation';
import { isSku, isSlug, isWeight } from '../common/rules';

const MAX_IMAGES = 20;
const MAX_ATTRIBUTES_BYTES = 10_000;

/** The checked fields of a create or an update; absent ones are not checked. */
export interface ProductFields {
  name?: string | null;
  sku?: string | null;
  slug?: string | null;
  description?: string | null;
  shortDescription?: string | null;
  price?: string | null;
  salePrice?: string | null;
  brandId?: string | null;
  categorySlugs?: string[] | null;
  attributes?: unknown;
  images?: string[] | null;
  weight?: string | null;
  dimensions?: string | null;
}

const invalid = (field: string, message: string) => userError(ProductError.INVALID, message, `input.${field}`);

/**
 * Checks the fields that are present (create passes all of them). `current` is the stored list
 * price and sale price when updating, so a new sale price is compared with the price that will hold.
 */
export function productProblems(input: ProductFields, current?: { price: string; salePrice: string | null }): UserError[] {
  const problems: UserError[] = [];
  const has = (key: keyof ProductFields) => input[key] !== undefined;
  if (has('name') && (!input.name || input.name.trim().length < 1 || input.name.trim().length > 200)) {
    problems.push(invalid('name', 'Name must be 1 to 200 characters'));
  }
  if (has('sku') && (!input.sku || !isSku(input.sku.trim()))) {
    problems.push(invalid('sku', 'SKU must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit'));
  }
  if (has('slug') && input.slug !== null && !isSlug(input.slug!)) {
    problems.push(invalid('slug', 'Slug must be lower-case letters and digits in words joined by single hyphens, at most 120 characters'));
  }
  if (has('description') && input.description && input.description.length > 20_000) {
    problems.push(invalid('description', 'Description must be at most 20,000 characters'));
  }
  if (has('shortDescription') && input.shortDescription && input.shortDescription.length > 500) {
    problems.push(invalid('shortDescription', 'Short description must be at most 500 characters'));
  }
  const priceOk = !has('price') || (input.price !== null && isMoneyAmount(input.price!));
  if (!priceOk) problems.push(invalid('price', 'Price must be a non-negative amount with at most 2 decimals, e.g. "19.99"'));
  const saleOk = !has('salePrice') || input.salePrice === null || isMoneyAmount(input.salePrice!);
  if (!saleOk) problems.push(invalid('salePrice', 'Sale price must be a non-negative amount with at most 2 decimals, e.g. "14.99"'));
  if (priceOk && saleOk) {
    const price = input.price ?? current?.price;
    const sale = has('salePrice') ? input.salePrice : current?.salePrice;
    if (price && sale && toCents(sale) > toCents(price)) problems.push(invalid('salePrice', 'Sale price must not exceed the list price'));
  }
  if (has('brandId') && input.brandId !== null && !isUuid(input.brandId)) problems.push(userError(ProductError.NOT_FOUND, 'No brand has this id', 'input.brandId'));
  if (has('categorySlugs') && input.categorySlugs) {
    if (input.categorySlugs.length > 20) problems.push(invalid('categorySlugs', 'A product is in at most 20 categories'));
  }
  if (has('attributes') && input.attributes !== null) {
    const a = input.attributes;
    if (typeof a !== 'object' || Array.isArray(a)) problems.push(invalid('attributes', 'Attributes must be a JSON object of name → value'));
    else if (JSON.stringify(a).length > MAX_ATTRIBUTES_BYTES) problems.push(invalid('attributes', 'Attributes must be at most 10 kB of JSON'));
  }
  if (has('images') && input.images) {
    if (input.images.length > MAX_IMAGES) problems.push(invalid('images', `At most ${MAX_IMAGES} images`));
    input.images.forEach((url, i) => {
      if (!isHttpUrl(url)) problems.push(invalid(`images.${i}`, 'Images must be absolute http(s) URLs'));
    });
  }
  if (has('weight') && input.weight !== null && !isWeight(input.weight!)) {
    problems.push(invalid('weight', 'Weight must be a non-negative number of kilograms with at most 3 decimals'));
  }
  if (has('dimensions') && input.dimensions && input.dimensions.length > 100) {
    problems.push(invalid('dimensions', 'Dimensions must be at most 100 characters'));
  }
  return problems;
}
