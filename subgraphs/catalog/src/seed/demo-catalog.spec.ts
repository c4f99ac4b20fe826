import { buildDemoCatalog } from './demo-catalog';

describe('the demo catalog', () => {
  const catalog = buildDemoCatalog();

  it('is big enough to demo: 200+ products, 15+ categories on three levels, 10 brands, 1,000+ reviews', () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(200);
    expect(catalog.products.filter((p) => p.status === 'ACTIVE').length).toBeGreaterThanOrEqual(200);
    expect(catalog.categories.length).toBeGreaterThanOrEqual(15);
    expect(new Set(catalog.categories.map((c) => c.depth))).toEqual(new Set([0, 1, 2]));
    expect(catalog.brands).toHaveLength(10);
    expect(catalog.reviews.length).toBeGreaterThanOrEqual(1000);
    expect(new Set(catalog.stock.map((s) => s.warehouse_id)).size).toBe(2);
  });

  it('is the same on every run, with unique slugs, SKUs and one review per customer and product', () => {
    expect(buildDemoCatalog()).toEqual(catalog);
    expect(new Set(catalog.products.map((p) => p.slug)).size).toBe(catalog.products.length);
    expect(new Set(catalog.products.map((p) => p.sku)).size).toBe(catalog.products.length);
    expect(new Set(catalog.categories.map((c) => c.slug)).size).toBe(catalog.categories.length);
    expect(new Set(catalog.reviews.map((r) => `${r.product_id}:${r.author_id}`)).size).toBe(catalog.reviews.length);
    expect(catalog.reviews.every((r) => r.rating >= 1 && r.rating <= 5)).toBe(true);
    expect(catalog.products.every((p) => p.sale_price === null || Number(p.sale_price) <= Number(p.price))).toBe(true);
  });
});
