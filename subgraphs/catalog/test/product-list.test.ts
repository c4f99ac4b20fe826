import { admin, codes, customer, guest, makeBrand, makeCategory, makeProduct, startCatalog, type CatalogHarness } from './helpers';

const LIST = `query ($first: Int, $after: String, $filter: ProductFilter, $sortBy: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name slug status price { amount } salePrice { amount } inStock } }
  }
}`;

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; name: string } }[] };

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalog();
});
afterAll(async () => {
  await h.stop();
});

async function list(variables: Record<string, unknown>, caller = guest): Promise<Page> {
  const result = await h.call(caller, LIST, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.products;
}

/** Every page of a list, following endCursor. */
async function all(variables: Record<string, unknown>, pageSize: number, caller = guest): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page = await list({ ...variables, first: pageSize, after }, caller);
    names.push(...page.edges.map((e) => e.node.name));
    if (!page.pageInfo.hasNextPage) return names;
    after = page.pageInfo.endCursor;
  }
}

describe('the product list', () => {
  let brand: string;
  beforeAll(async () => {
    // a tree: home > lighting > desk-lamps, home > furniture; garden apart
    await makeCategory(h, 'home');
    await makeCategory(h, 'lighting', 'home');
    await makeCategory(h, 'desk-lamps', 'lighting');
    await makeCategory(h, 'furniture', 'home');
    await makeCategory(h, 'garden');
    brand = await makeBrand(h, 'Lumen');
    await makeProduct(h, { name: 'Brass Desk Lamp', price: '80.00', salePrice: '35.00', categorySlugs: ['desk-lamps'], brandId: brand }, 3);
    await makeProduct(h, { name: 'Ceiling Light', price: '45.00', categorySlugs: ['lighting'], brandId: brand }, 0);
    await makeProduct(h, { name: 'Oak Chair', price: '120.00', categorySlugs: ['furniture'] }, 2);
    await makeProduct(h, { name: 'Rose Shears', price: '15.50', categorySlugs: ['garden'] }, 9);
    await makeProduct(h, { name: 'Hidden Draft Lamp', price: '10.00', categorySlugs: ['desk-lamps'], status: 'DRAFT' }, 1);
  });

  it('includes the descendants of a category, in one query, and only ACTIVE products for customers', async () => {
    const home = await list({ filter: { categorySlug: 'home' }, sortBy: 'NEWEST' });
    expect(home.edges.map((e) => e.node.name)).toEqual(['Oak Chair', 'Ceiling Light', 'Brass Desk Lamp']);
    expect(home.totalCount).toBe(3);
    const lighting = await list({ filter: { categorySlug: 'lighting' } }, customer());
    expect(lighting.edges.map((e) => e.node.name).sort()).toEqual(['Brass Desk Lamp', 'Ceiling Light']);
    const staff = await list({ filter: { categorySlug: 'desk-lamps' } }, admin);
    expect(staff.edges.map((e) => e.node.name).sort()).toEqual(['Brass Desk Lamp', 'Hidden Draft Lamp']);
    const drafts = await list({ filter: { status: 'DRAFT' } }, guest);
    expect(drafts.edges.every((e) => e.node.name !== 'Hidden Draft Lamp')).toBe(true);
    expect((await list({ filter: { categorySlug: 'no-such-category' } })).totalCount).toBe(0);
  });

  it('filters by the price the customer pays (sale price first), brand and stock', async () => {
    const cheap = await list({ filter: { maxPrice: '40', categorySlug: 'home' } });
    expect(cheap.edges.map((e) => e.node.name)).toEqual(['Brass Desk Lamp']);
    const mid = await list({ filter: { minPrice: '40.00', maxPrice: '120.00' }, sortBy: 'PRICE_ASC' });
    expect(mid.edges.map((e) => e.node.name)).toEqual(['Ceiling Light', 'Oak Chair']);
    const byBrand = await list({ filter: { brandId: brand }, sortBy: 'PRICE_DESC' });
    expect(byBrand.edges.map((e) => e.node.name)).toEqual(['Ceiling Light', 'Brass Desk Lamp']);
    const inStock = await list({ filter: { inStock: true, categorySlug: 'lighting' } });
    expect(inStock.edges.map((e) => e.node.name)).toEqual(['Brass Desk Lamp']);
    const soldOut = await list({ filter: { inStock: false, categorySlug: 'home' } });
    expect(soldOut.edges.map((e) => ({ name: e.node.name }))).toEqual([{ name: 'Ceiling Light' }]);
  });

  it('refuses price filters that are not decimals, malformed brand ids, cursors and page sizes with BAD_USER_INPUT', async () => {
    for (const variables of [
      { filter: { minPrice: 'ten' } },
      { filter: { maxPrice: '1e5' } },
      { filter: { brandId: 'acme' } },
      { first: 101 },
      { first: -1 },
      { after: 'not-a-cursor' },
      { after: Buffer.from(JSON.stringify(['NEWEST', 'x'])).toString('base64url') },
      { after: Buffer.from(JSON.stringify(['NEWEST', "1; DROP TABLE products"])).toString('base64url') },
    ]) {
      const result = await h.call(guest, LIST, variables);
      expect({ variables, codes: codes(result.errors) }).toEqual({ variables, codes: ['BAD_USER_INPUT'] });
    }
    const page = await list({ first: 1, sortBy: 'PRICE_ASC' });
    const wrongSort = await h.call(guest, LIST, { first: 1, after: page.pageInfo.endCursor, sortBy: 'NEWEST' });
    expect(codes(wrongSort.errors)).toEqual(['BAD_USER_INPUT']);
    expect((await list({ first: 100 })).edges.length).toBeGreaterThan(0);
  });

  it('orders by every sort, breaking ties newest first', async () => {
    const names = async (sortBy: string) => (await list({ sortBy, filter: { categorySlug: 'home' } })).edges.map((e) => e.node.name);
    expect(await names('PRICE_ASC')).toEqual(['Brass Desk Lamp', 'Ceiling Light', 'Oak Chair']);
    expect(await names('PRICE_DESC')).toEqual(['Oak Chair', 'Ceiling Light', 'Brass Desk Lamp']);
    await h.sql(`UPDATE products SET average_rating = 4.5, review_count = 2 WHERE name = 'Ceiling Light'`);
    await h.sql(`UPDATE products SET units_sold = 7 WHERE name = 'Brass Desk Lamp'`);
    expect(await names('RATING')).toEqual(['Ceiling Light', 'Oak Chair', 'Brass Desk Lamp']);
    expect(await names('BEST_SELLING')).toEqual(['Brass Desk Lamp', 'Oak Chair', 'Ceiling Light']);
    expect(await names('RELEVANCE')).toEqual(await names('NEWEST'));
  });

  it('pages with keyset cursors that stay correct while products are added', async () => {
    for (const sortBy of ['NEWEST', 'PRICE_ASC', 'PRICE_DESC']) {
      const slug = `paging-${sortBy.toLowerCase().replace('_', '-')}`;
      await makeCategory(h, slug);
      for (let i = 0; i < 7; i += 1) await makeProduct(h, { name: `${sortBy} ${i}`, price: `${10 + (i % 3)}.00`, categorySlugs: [slug] });
      const filter = { categorySlug: slug };
      const expected = await all({ sortBy, filter }, 100);
      expect(expected).toHaveLength(7);

      const first = await list({ first: 3, sortBy, filter });
      // while the client reads page 1, products arrive: one sorting before the cursor, one after it
      const early = sortBy === 'PRICE_DESC' ? '999.00' : '1.00';
      const late = sortBy === 'PRICE_DESC' ? '1.00' : '999.00';
      await makeProduct(h, { name: `${sortBy} early`, price: early, categorySlugs: [slug] });
      await makeProduct(h, { name: `${sortBy} late`, price: late, categorySlugs: [slug] });

      const names = first.edges.map((e) => e.node.name);
      let after = first.pageInfo.endCursor;
      for (;;) {
        const page = await list({ first: 2, after, sortBy, filter });
        expect(page.totalCount).toBe(9);
        names.push(...page.edges.map((e) => e.node.name));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      // no product skipped or repeated, in the same order as before the inserts
      expect(names.filter((n) => !/early|late/.test(n))).toEqual(expected);
      expect(names).not.toContain(`${sortBy} early`);
      if (sortBy === 'NEWEST') expect(names).not.toContain(`${sortBy} late`);
      else expect(names.at(-1)).toBe(`${sortBy} late`);
    }
  });
});
