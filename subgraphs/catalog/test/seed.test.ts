import { performance } from 'node:perf_hooks';
import { seedCatalog } from '../src/seed/seed-catalog';
import { demoCustomerId } from '../src/seed/seed-ids';
import { guest, startCatalog, type CatalogHarness } from './helpers';

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalog();
});
afterAll(async () => {
  await h.stop();
});

describe('the demo seed', () => {
  it('fills an empty catalog once, and does nothing the second time', async () => {
    const started = performance.now();
    const first = await seedCatalog(h.deps.database.dataSource);
    console.log(`seeded the demo catalog in ${(performance.now() - started).toFixed(0)} ms`, first.counts);
    expect(first.seeded).toBe(true);
    expect(await seedCatalog(h.deps.database.dataSource)).toEqual({ seeded: false, counts: {} });

    const [counts] = await h.sql(`SELECT
      (SELECT count(*)::int FROM products) AS products,
      (SELECT count(*)::int FROM products WHERE status = 'ACTIVE') AS active,
      (SELECT count(*)::int FROM categories) AS categories,
      (SELECT count(DISTINCT depth)::int FROM categories) AS levels,
      (SELECT count(*)::int FROM brands) AS brands,
      (SELECT count(DISTINCT warehouse_id)::int FROM stock_levels WHERE on_hand > 0) AS warehouses,
      (SELECT count(*)::int FROM reviews WHERE status = 'APPROVED') AS reviews,
      (SELECT count(DISTINCT author_id)::int FROM reviews) AS authors,
      (SELECT count(*)::int FROM products WHERE images = '{}' OR attributes = '{}') AS bare`);
    expect(counts).toMatchObject({ products: 240, categories: 21, levels: 3, brands: 10, warehouses: 2, authors: 50, bare: 0 });
    expect(counts.active).toBeGreaterThanOrEqual(200);
    expect(counts.reviews).toBeGreaterThanOrEqual(1000);
    const [{ n }] = await h.sql('SELECT count(*)::int AS n FROM reviews WHERE author_id = $1', [demoCustomerId(1)]);
    expect(n).toBeGreaterThan(0);
    // the aggregates agree with the reviews
    const [{ wrong }] = await h.sql(`SELECT count(*)::int AS wrong FROM products p
      WHERE review_count <> (SELECT count(*) FROM reviews r WHERE r.product_id = p.id AND r.status = 'APPROVED')`);
    expect(wrong).toBe(0);
  });

  it('serves the seeded catalog: the tree, a category with its descendants, search', async () => {
    await h.deps.cache.changed({ productIds: [], categories: true }, true);
    const tree = await h.call(guest, '{ categories { slug children { slug children { slug } } } }');
    expect(tree.data?.categories.map((c: { slug: string }) => c.slug)).toEqual(['electronics', 'home-and-kitchen', 'sports-and-outdoors']);
    const electronics = await h.call(guest, `{ products(first: 1, filter: { categorySlug: "electronics" }) { totalCount } }`);
    const audio = await h.call(guest, `{ products(first: 1, filter: { categorySlug: "audio" }) { totalCount } }`);
    expect(electronics.data?.products.totalCount).toBeGreaterThan(audio.data?.products.totalCount);
    const search = await h.call(guest, `{ products(first: 3, filter: { search: "headph" }) { totalCount edges { node { name averageRating reviewCount } } } }`);
    expect(search.data?.products.totalCount).toBeGreaterThan(0);
    expect(search.data?.products.edges[0].node.name).toMatch(/Headphones/);
  });
});
