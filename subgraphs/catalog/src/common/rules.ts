/** Small input rules of the catalog: slugs, weights, SKUs. Each returns true when acceptable. */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WEIGHT = /^\d{1,7}(\.\d{1,3})?$/;

export function isSlug(value: string): boolean {
  return value.length <= 120 && SLUG.test(value);
}

/** A URL-safe slug from a name: lower case ASCII words joined by hyphens; empty when nothing is left. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

/** A non-negative weight in kilograms with at most 3 decimals. */
export function isWeight(value: string): boolean {
  return WEIGHT.test(value);
}

/** SKUs: letters, digits, dot, underscore and hyphen, 1 to 64 characters, starting with a letter or digit. */
export function isSku(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value);
}
