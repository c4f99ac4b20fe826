import { admin, codes, CREATE_CATEGORY, customer, guest, makeCategory, startCatalog, type CatalogHarness } from './helpers';

const TREE = `{ categories { slug isActive depth children { slug parent { slug } children { slug ancestors { slug } } } } }`;

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalog();
});
afterAll(async () => {
  await h.stop();
});

describe('categories', () => {
  it('returns the roots with their children on three levels, in sort order, and shows a new category at once', async () => {
    await makeCategory(h, 'electronics');
    await makeCategory(h, 'audio', 'electronics');
    await makeCategory(h, 'headphones', 'audio');
    await makeCategory(h, 'cameras', 'electronics');
    expect((await h.call(guest, TREE)).data?.categories).toEqual([
      {
        slug: 'electronics',
        isActive: true,
        depth: 0,
        children: [
          { slug: 'audio', parent: { slug: 'electronics' }, children: [{ slug: 'headphones', ancestors: [{ slug: 'electronics' }, { slug: 'audio' }] }] },
          { slug: 'cameras', parent: { slug: 'electronics' }, children: [] },
        ],
      },
    ]);
    // the tree above is now cached; a new category must show up immediately
    await makeCategory(h, 'speakers', 'audio');
    const audio = (await h.call(customer(), TREE)).data?.categories[0].children[0];
    expect(audio.children.map((c: { slug: string }) => c.slug)).toEqual(['headphones', 'speakers']);
    const one = await h.call(guest, `{ category(slug: "speakers") { slug parent { slug } } missing: category(slug: "nope") { slug } }`);
    expect(one.data).toEqual({ category: { slug: 'speakers', parent: { slug: 'audio' } }, missing: null });
  });

  it('hides inactive categories from customers and guests', async () => {
    await makeCategory(h, 'seasonal');
    await h.sql(`UPDATE categories SET is_active = false WHERE slug = 'seasonal'`);
    await h.deps.cache.changed({ productIds: [], categories: true }, true);
    expect((await h.call(guest, TREE)).data?.categories.map((c: { slug: string }) => c.slug)).not.toContain('seasonal');
    expect((await h.call(admin, TREE)).data?.categories.map((c: { slug: string }) => c.slug)).toContain('seasonal');
  });

  it('derives slugs and refuses duplicates, unknown parents, bad names and deep nesting', async () => {
    const derived = await h.call(admin, CREATE_CATEGORY, { input: { name: 'Home & Garden' } });
    expect(derived.data?.createCategory).toEqual({ category: { id: expect.any(String), slug: 'home-and-garden', parent: null }, userErrors: [] });
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Again', slug: 'home-and-garden' }, 'TAKEN:input.slug'],
      [{ name: 'Orphan', parentSlug: 'no-such-parent' }, 'NOT_FOUND:input.parentSlug'],
      [{ name: ' ' }, 'INVALID:input.name'],
      [{ name: 'Bad', slug: 'Bad Slug' }, 'INVALID:input.slug'],
    ];
    for (const [input, expected] of cases) {
      const result = await h.call(admin, CREATE_CATEGORY, { input });
      expect(result.data?.createCategory.userErrors.map((e: { code: string; field: string }) => `${e.code}:${e.field}`)).toEqual([expected]);
    }
    let parent = 'home-and-garden';
    for (const slug of ['l1', 'l2', 'l3', 'l4']) {
      await makeCategory(h, slug, parent);
      parent = slug;
    }
    const tooDeep = await h.call(admin, CREATE_CATEGORY, { input: { name: 'L5', parentSlug: 'l4' } });
    expect(tooDeep.data?.createCategory.userErrors[0].code).toBe('INVALID');
    const [{ path }] = await h.sql(`SELECT path FROM categories WHERE slug = 'l4'`);
    expect(path.split('/').filter(Boolean)).toHaveLength(5);
  });

  it('lets only staff create categories, and creates nothing otherwise', async () => {
    expect(codes((await h.call(customer(), CREATE_CATEGORY, { input: { name: 'Nope' } })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await h.call(guest, CREATE_CATEGORY, { input: { name: 'Nope' } })).errors)).toEqual(['UNAUTHENTICATED']);
    expect(await h.sql(`SELECT 1 FROM categories WHERE slug = 'nope'`)).toEqual([]);
  });
});
