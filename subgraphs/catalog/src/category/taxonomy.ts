import type { RequestDb } from '../../../../platform/db/request-db';
import type { CatalogCache, CatalogState } from '../cache/catalog-cache';
import { sqlOne } from '../../../../platform/db/sql';

export interface CategoryRow {
  id: string;
  parentId: string | null;
  name: string;
  slug: string;
  description: string | null;
  imageUrl: string | null;
  isActive: boolean;
  sortOrder: number;
  path: string;
  depth: number;
}

export interface BrandRow {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  logoUrl: string | null;
}

/** Categories and brands: small, read by every product card, so read whole and cached together. */
export interface Taxonomy {
  categoryById: Map<string, CategoryRow>;
  categoryBySlug: Map<string, CategoryRow>;
  /** Children of each category (and of null: the roots), by sort order then name. */
  childrenOf: Map<string | null, CategoryRow[]>;
  brandById: Map<string, BrandRow>;
  brandBySlug: Map<string, BrandRow>;
  brands: BrandRow[];
}

interface TaxonomyData {
  categories: CategoryRow[];
  brands: BrandRow[];
}

function build(data: TaxonomyData): Taxonomy {
  const childrenOf = new Map<string | null, CategoryRow[]>();
  for (const c of data.categories) childrenOf.set(c.parentId, [...(childrenOf.get(c.parentId) ?? []), c]);
  for (const list of childrenOf.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  return {
    categoryById: new Map(data.categories.map((c) => [c.id, c])),
    categoryBySlug: new Map(data.categories.map((c) => [c.slug, c])),
    childrenOf,
    brandById: new Map(data.brands.map((b) => [b.id, b])),
    brandBySlug: new Map(data.brands.map((b) => [b.slug, b])),
    brands: [...data.brands].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Taxonomies built from the cached data this process holds (the cache shares one object per generation). */
const built = new WeakMap<TaxonomyData, Taxonomy>();

/** The taxonomy from the cache, or one statement when it is not cached. */
export async function loadTaxonomy(db: RequestDb, cache: CatalogCache, state: CatalogState): Promise<Taxonomy> {
  const [cached] = await cache.getMany<TaxonomyData>(state, 'taxonomy', ['all']);
  if (cached) {
    let taxonomy = built.get(cached);
    if (!taxonomy) built.set(cached, (taxonomy = build(cached)));
    return taxonomy;
  }
  const row = await db.read((m) =>
    sqlOne<TaxonomyData>(
      m,
      `
      SELECT
        coalesce((SELECT json_agg(json_build_object(
          'id', c.id, 'parentId', c.parent_id, 'name', c.name, 'slug', c.slug, 'description', c.description,
          'imageUrl', c.image_url, 'isActive', c.is_active, 'sortOrder', c.sort_order, 'path', c.path, 'depth', c.depth))
          FROM categories c), '[]') AS categories,
        coalesce((SELECT json_agg(json_build_object(
          'id', b.id, 'name', b.name, 'slug', b.slug, 'description', b.description, 'logoUrl', b.logo_url))
          FROM brands b), '[]') AS brands`),
  );
  const data: TaxonomyData = { categories: row!.categories, brands: row!.brands };
  await cache.setMany(state, 'taxonomy', [['all', data]]);
  return build(data);
}
