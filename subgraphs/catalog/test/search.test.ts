import { guest, makeProduct, startCatalog, type CatalogHarness } from './helpers';

const SEARCH = `query ($search: String, $first: Int, $after: String, $sortBy: ProductSort) {
  products(first: $first, after: $after, filter: { search: $search }, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name } }
  }
}`;

let h: CatalogHarness;
const names = async (search: string, sortBy?: string) => {
  const result = await h.call(guest, SEARCH, { search, first: 50, sortBy });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.products.edges.map((e: { node: { name: string } }) => e.node.name);
};

beforeAll(async () => {
  h = await startCatalog();
  await makeProduct(h, { name: 'Travel Kettle', description: 'A small kettle with a wireless base, for trips.' });
  await makeProduct(h, { name: 'Wireless Headphones', description: 'Over-ear, noise cancelling, 30 hours of battery.' });
  await makeProduct(h, { name: 'Wired Headset', description: 'For calls. Not wireless.' });
  await makeProduct(h, { name: 'Wireless Mouse', shortDescription: 'Quiet clicks.', description: 'Ergonomic mouse.' });
  await makeProduct(h, { name: 'Desk Lamps Set', description: 'Two lamps in warm white.' });
  await makeProduct(h, { name: 'Hidden Wireless Speaker', status: 'DRAFT' });
});
afterAll(async () => {
  await h.stop();
});

describe('full-text search', () => {
  it('ranks name matches above description matches (RELEVANCE is the default with a search)', async () => {
    const found = await names('wireless');
    expect(found.slice(0, 2).sort()).toEqual(['Wireless Headphones', 'Wireless Mouse']);
    expect(found.slice(2).sort()).toEqual(['Travel Kettle', 'Wired Headset']);
    expect(found).not.toContain('Hidden Wireless Speaker');
  });

  it('matches the last word as a prefix while every word must match', async () => {
    expect(await names('head')).toEqual(expect.arrayContaining(['Wireless Headphones', 'Wired Headset']));
    expect((await names('head')).length).toBe(2);
    // "Wired Headset" says "wireless" in its description only: it follows
    expect(await names('wireless head')).toEqual(['Wireless Headphones', 'Wired Headset']);
    expect(await names('kettle head')).toEqual([]);
    expect(await names('mouse wireless')).toEqual(['Wireless Mouse']);
  });

  it('stems English words and searches the descriptions too', async () => {
    expect(await names('lamp')).toEqual(['Desk Lamps Set']);
    expect(await names('batteries')).toEqual(['Wireless Headphones']);
    expect(await names('quiet')).toEqual(['Wireless Mouse']);
  });

  it('treats operators and punctuation as plain text', async () => {
    expect(await names("wireless & !(mouse) | ':*")).toEqual(['Wireless Mouse']);
    expect(await names('!!!')).toHaveLength(5);
    expect(await names('zzzz-nothing')).toEqual([]);
  });

  it('pages through RELEVANCE results with cursors, each product once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { data?: Record<string, any> } = await h.call(guest, SEARCH, { search: 'wireless', first: 1, after });
      const page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { name: string } }[] } = result.data!.products;
      expect(page.totalCount).toBe(4);
      seen.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(await names('wireless'));
  });

  it('can sort search results by something else than relevance', async () => {
    expect(await names('wireless', 'NEWEST')).toEqual(['Wireless Mouse', 'Wired Headset', 'Wireless Headphones', 'Travel Kettle']);
  });
});
