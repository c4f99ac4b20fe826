import type { ProductStatus } from './product-status';

/** A product as every reader sees it (from SQL or from the cache): its columns and its category ids. */
export interface ProductRow {
  id: string;
  seq: string;
  sku: string;
  slug: string;
  name: string;
  description: string | null;
  shortDescription: string | null;
  price: string;
  salePrice: string | null;
  /** coalesce(salePrice, price): what the customer pays, what price filters and sorts use. */
  effectivePrice: string;
  currencyCode: string;
  status: ProductStatus;
  attributes: Record<string, unknown>;
  images: string[];
  weight: string | null;
  dimensions: string | null;
  brandId: string | null;
  averageRating: string | null;
  reviewCount: number;
  unitsSold: number;
  createdAt: Date;
  updatedAt: Date;
  categoryIds: string[];
}

/** The select list that produces a ProductRow from `products p`. */
export const PRODUCT_COLUMNS = `
  p.id, p.seq::text AS seq, p.sku, p.slug, p.name, p.description, p.short_description AS "shortDescription",
  p.price, p.sale_price AS "salePrice", p.effective_price AS "effectivePrice", p.currency_code AS "currencyCode",
  p.status, p.attributes, p.images, p.weight, p.dimensions, p.brand_id AS "brandId",
  p.average_rating AS "averageRating", p.review_count AS "reviewCount", p.units_sold AS "unitsSold",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  ARRAY(SELECT pc.category_id::text FROM product_categories pc WHERE pc.product_id = p.id ORDER BY pc.position, pc.category_id) AS "categoryIds"`;

/** A row read back from the JSON cache: dates become Dates again. */
export function reviveProduct(row: ProductRow): ProductRow {
  return { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
}
