import { slugify } from '../common/rules';
import { DEFAULT_WAREHOUSE_ID } from '../../migrations/1732200000000-catalog';
import { ADJECTIVES, BRANDS, CATEGORY_TREE, COLORS, MATERIALS, REVIEW_TEXTS, REVIEW_TITLES, type SeedCategory } from './seed-data';
import { DEMO_CUSTOMERS, demoCustomerId, random, seedId } from './seed-ids';

export const SECOND_WAREHOUSE_ID = seedId('warehouse:east');
const PRODUCTS_PER_KIND = 5;
/** Every demo row is dated relative to this instant, so the data is the same on every run. */
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
const DAY = 86_400_000;

export interface DemoCatalog {
  brands: { id: string; name: string; slug: string; description: string; logo_url: string }[];
  categories: { id: string; parent_id: string | null; name: string; slug: string; description: string; image_url: string; sort_order: number; path: string; depth: number }[];
  products: {
    id: string; sku: string; slug: string; name: string; description: string; short_description: string; price: string; sale_price: string | null;
    status: string; attributes: Record<string, unknown>; images: string[]; weight: string; dimensions: string; brand_id: string; created_at: string;
  }[];
  productCategories: { product_id: string; category_id: string; position: number }[];
  stock: { product_id: string; warehouse_id: string; on_hand: number }[];
  reviews: { id: string; product_id: string; author_id: string; rating: number; title: string; content: string; created_at: string }[];
}

const money = (cents: number) => (cents / 100).toFixed(2);

/** The demo catalog, computed (no database): 21 categories on three levels, 10 brands, 240 products, their stock and 1,000+ reviews. */
export function buildDemoCatalog(): DemoCatalog {
  const rand = random(20250101);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const catalog: DemoCatalog = { brands: [], categories: [], products: [], productCategories: [], stock: [], reviews: [] };

  catalog.brands = BRANDS.map((name) => ({
    id: seedId(`brand:${name}`),
    name,
    slug: slugify(name),
    description: `${name} designs everyday products built to last.`,
    logo_url: `https://picsum.photos/seed/brand-${slugify(name)}/200/200`,
  }));

  const leaves: { category: SeedCategory; id: string; ancestors: string[] }[] = [];
  const walk = (nodes: SeedCategory[], parent: { id: string; path: string; depth: number } | null, ancestors: string[]) => {
    nodes.forEach((node, i) => {
      const slug = slugify(node.name);
      const id = seedId(`category:${slug}`);
      const path = `${parent?.path ?? ''}${id}/`;
      const depth = parent ? parent.depth + 1 : 0;
      catalog.categories.push({
        id, parent_id: parent?.id ?? null, name: node.name, slug, description: `Everything in ${node.name.toLowerCase()}.`,
        image_url: `https://picsum.photos/seed/category-${slug}/1200/400`, sort_order: i, path, depth,
      });
      if (node.children) walk(node.children, { id, path, depth }, [...ancestors, id]);
      else leaves.push({ category: node, id, ancestors });
    });
  };
  walk(CATEGORY_TREE, null, []);

  let n = 0;
  for (const leaf of leaves) {
    for (const kind of leaf.category.kinds ?? []) {
      for (let k = 0; k < PRODUCTS_PER_KIND; k += 1) {
        n += 1;
        const brand = catalog.brands[(n * 7 + k) % catalog.brands.length];
        const adjective = ADJECTIVES[(n + k) % ADJECTIVES.length];
        const name = `${brand.name} ${adjective} ${kind}${k ? ` ${k + 1}` : ''}`;
        const slug = slugify(name);
        const id = seedId(`product:${slug}`);
        const cents = Math.round((9 + rand() * 291) * 100) - 1; // 8.99 .. 299.99
        const priceCents = cents - (cents % 100) + 99;
        const onSale = rand() < 0.2;
        const color = pick(COLORS);
        const material = pick(MATERIALS);
        catalog.products.push({
          id,
          sku: `${brand.name.slice(0, 3).toUpperCase()}-${String(n).padStart(4, '0')}`,
          slug,
          name,
          short_description: `A ${adjective.toLowerCase()} ${kind.toLowerCase()} in ${color}.`,
          description: `The ${name} is a ${kind.toLowerCase()} made of ${material}, designed by ${brand.name}. Finished in ${color}, it comes with a ${1 + (n % 3)}-year warranty.`,
          price: money(priceCents),
          sale_price: onSale ? money(Math.round(priceCents * 0.8) - (Math.round(priceCents * 0.8) % 100) + 49) : null,
          // a few drafts and one archived product, for the staff views
          status: n % 40 === 0 ? 'DRAFT' : n % 97 === 0 ? 'ARCHIVED' : 'ACTIVE',
          attributes: { color, material, warrantyYears: 1 + (n % 3), kind },
          images: [1, 2, 3].map((i) => `https://picsum.photos/seed/${slug}-${i}/800/800`),
          weight: (0.1 + rand() * 9.9).toFixed(3),
          dimensions: `${10 + (n % 40)} x ${8 + (n % 25)} x ${4 + (n % 15)} cm`,
          brand_id: brand.id,
          created_at: new Date(EPOCH - (400 - n) * DAY / 2).toISOString(),
        });
        catalog.productCategories.push({ product_id: id, category_id: leaf.id, position: 0 });
        // stock: most products in the main warehouse, half also in the east depot, some sold out
        const soldOut = rand() < 0.08;
        catalog.stock.push({ product_id: id, warehouse_id: DEFAULT_WAREHOUSE_ID, on_hand: soldOut ? 0 : 5 + Math.floor(rand() * 95) });
        if (n % 2 === 0) catalog.stock.push({ product_id: id, warehouse_id: SECOND_WAREHOUSE_ID, on_hand: soldOut ? 0 : Math.floor(rand() * 40) });
        // reviews by distinct demo customers, mostly favourable
        const count = 2 + Math.floor(rand() * 7);
        const first = Math.floor(rand() * DEMO_CUSTOMERS);
        for (let r = 0; r < count; r += 1) {
          const rating = Math.min(5, Math.max(1, Math.round(3.9 + (rand() - 0.4) * 3)));
          catalog.reviews.push({
            id: seedId(`review:${slug}:${r}`),
            product_id: id,
            author_id: demoCustomerId(((first + r * 7) % DEMO_CUSTOMERS) + 1),
            rating,
            title: pick(REVIEW_TITLES[rating]),
            content: pick(REVIEW_TEXTS[rating]),
            created_at: new Date(EPOCH + Math.floor(rand() * 180) * DAY).toISOString(),
          });
        }
      }
    }
  }
  return catalog;
}
