import { admin, CREATE_PRODUCT, codes, customer, guest, makeBrand, makeCategory, makeProduct, startCatalog, type CatalogHarness } from './helpers';

const PRODUCT = `query ($id: ID, $slug: String) {
  product(id: $id, slug: $slug) {
    id slug sku name status description shortDescription price { amount currencyCode } salePrice { amount currencyCode }
    featuredImage images attributes weight dimensions averageRating reviewCount inStock availableQuantity
    categories { slug } brand { id name }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) {
  updateProduct(id: $id, input: $input) {
    product { id name status price { amount } salePrice { amount } }
    userErrors { field message code }
  }
}`;

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalog();
});
afterAll(async () => {
  await h.stop();
});

describe('products', () => {
  it('creates a product with every field and reads it back by id and by slug', async () => {
    const brandId = await makeBrand(h, 'Acme');
    await makeCategory(h, 'audio-p');
    const input = {
      name: 'Studio Headphones',
      sku: 'HP-STUDIO-1',
      description: 'Closed-back headphones for the studio.',
      shortDescription: 'Closed-back.',
      price: '129.90',
      salePrice: '99.90',
      status: 'ACTIVE',
      brandId,
      categorySlugs: ['audio-p'],
      attributes: { color: 'black', batteryHours: 30 },
      images: ['https://img.example.com/hp-1.jpg', 'https://img.example.com/hp-2.jpg'],
      weight: '0.350',
      dimensions: '20 x 18 x 9 cm',
    };
    const created = await h.call(admin, CREATE_PRODUCT, { input });
    expect(created.data?.createProduct.userErrors).toEqual([]);
    const product = created.data?.createProduct.product;
    expect(product).toMatchObject({ slug: 'studio-headphones', status: 'ACTIVE', price: { amount: '129.90', currencyCode: 'USD' }, salePrice: { amount: '99.90' } });

    const byId = await h.call(guest, PRODUCT, { id: product.id });
    const bySlug = await h.call(guest, PRODUCT, { slug: 'studio-headphones' });
    expect(byId.errors).toBeUndefined();
    expect(bySlug.data?.product).toEqual(byId.data?.product);
    expect(byId.data?.product).toMatchObject({
      sku: 'HP-STUDIO-1',
      featuredImage: 'https://img.example.com/hp-1.jpg',
      attributes: { color: 'black', batteryHours: 30 },
      weight: '0.350',
      averageRating: null,
      reviewCount: 0,
      inStock: false,
      availableQuantity: 0,
      categories: [{ slug: 'audio-p' }],
      brand: { id: brandId, name: 'Acme' },
    });
  });

  it('hides DRAFT products from customers and guests but not from staff', async () => {
    const draft = await makeProduct(h, { status: 'DRAFT' });
    for (const caller of [guest, customer()]) {
      expect((await h.call(caller, PRODUCT, { id: draft.id })).data?.product).toBeNull();
      expect((await h.call(caller, PRODUCT, { slug: draft.slug })).data?.product).toBeNull();
    }
    expect((await h.call(admin, PRODUCT, { id: draft.id })).data?.product.status).toBe('DRAFT');
  });

  it('answers null for an unknown product and BAD_USER_INPUT for a malformed id or a missing argument', async () => {
    expect((await h.call(guest, PRODUCT, { id: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11' })).data?.product).toBeNull();
    expect(codes((await h.call(guest, PRODUCT, { id: 'not-an-id' })).errors)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await h.call(guest, PRODUCT, {})).errors)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await h.call(guest, PRODUCT, { id: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', slug: 'x' })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a duplicate SKU (case-insensitive) or slug with TAKEN and creates nothing', async () => {
    const first = await makeProduct(h, { sku: 'DUP-SKU-1', slug: 'dup-slug-1' });
    const sku = await h.call(admin, CREATE_PRODUCT, { input: { name: 'Other', sku: 'dup-sku-1', price: '1.00' } });
    expect(sku.data?.createProduct).toEqual({ product: null, userErrors: [{ field: 'input.sku', code: 'TAKEN', message: expect.any(String) }] });
    const slug = await h.call(admin, CREATE_PRODUCT, { input: { name: 'Other', sku: 'OTHER-1', slug: 'dup-slug-1', price: '1.00' } });
    expect(slug.data?.createProduct.userErrors).toEqual([{ field: 'input.slug', code: 'TAKEN', message: expect.any(String) }]);
    const update = await h.call(admin, UPDATE, { id: (await makeProduct(h)).id, input: { slug: 'dup-slug-1' } });
    expect(update.data?.updateProduct.userErrors.map((e: { code: string }) => e.code)).toEqual(['TAKEN']);
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM products WHERE upper(sku) = 'DUP-SKU-1' OR slug = 'dup-slug-1'`);
    expect(n).toBe(1);
    expect(first.slug).toBe('dup-slug-1');
  });

  it('returns INVALID and NOT_FOUND userErrors for bad input, and changes nothing', async () => {
    const bad = await h.call(admin, CREATE_PRODUCT, {
      input: { name: '', sku: 'has space', price: '-1', salePrice: '1.999', images: ['nope'], attributes: [1, 2], weight: '-2' },
    });
    expect(bad.data?.createProduct.userErrors.map((e: { field: string }) => e.field)).toEqual([
      'input.name', 'input.sku', 'input.price', 'input.salePrice', 'input.attributes', 'input.images.0', 'input.weight',
    ]);
    const unknown = await h.call(admin, CREATE_PRODUCT, {
      input: { name: 'Lamp', sku: 'LAMP-NF', price: '5.00', brandId: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', categorySlugs: ['no-such-category'] },
    });
    expect(unknown.data?.createProduct.userErrors.map((e: { field: string; code: string }) => `${e.code}:${e.field}`)).toEqual([
      'NOT_FOUND:input.brandId',
      'NOT_FOUND:input.categorySlugs.0',
    ]);
    const saleAbovePrice = await h.call(admin, CREATE_PRODUCT, { input: { name: 'Lamp', sku: 'LAMP-SP', price: '5.00', salePrice: '6.00' } });
    expect(saleAbovePrice.data?.createProduct.userErrors[0]).toMatchObject({ code: 'INVALID', field: 'input.salePrice' });
    const notDecimal = await h.call(admin, CREATE_PRODUCT, { input: { name: 'Lamp', sku: 'LAMP-ND', price: 'cheap' } });
    expect(codes(notDecimal.errors)).toEqual(['BAD_USER_INPUT']);
    const updateUnknown = await h.call(admin, UPDATE, { id: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', input: { price: '1.00' } });
    expect(updateUnknown.data?.updateProduct.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM products WHERE sku LIKE 'LAMP-%' OR sku = 'has space'`);
    expect(n).toBe(0);
  });

  it('lets only staff create and update: FORBIDDEN for customers, UNAUTHENTICATED for guests, and nothing changes', async () => {
    const product = await makeProduct(h, { price: '20.00' });
    for (const [caller, code] of [[customer(), 'FORBIDDEN'], [guest, 'UNAUTHENTICATED']] as const) {
      const created = await h.call(caller, CREATE_PRODUCT, { input: { name: 'Sneaky', sku: `SNEAKY-${code}`, price: '1.00' } });
      expect(codes(created.errors)).toEqual([code]);
      const updated = await h.call(caller, UPDATE, { id: product.id, input: { price: '0.01' } });
      expect(codes(updated.errors)).toEqual([code]);
    }
    const [row] = await h.sql('SELECT price FROM products WHERE id = $1', [product.id]);
    expect(row.price).toBe('20.00');
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM products WHERE sku LIKE 'SNEAKY-%'`);
    expect(n).toBe(0);
  });

  it('shows a new price to every reader as soon as the update returns, even after the product was cached', async () => {
    const product = await makeProduct(h, { price: '50.00' });
    // fill the cache (by id and by slug) for everybody
    expect((await h.call(guest, PRODUCT, { id: product.id })).data?.product.price.amount).toBe('50.00');
    expect((await h.call(guest, PRODUCT, { slug: product.slug })).data?.product.price.amount).toBe('50.00');
    const updated = await h.call(admin, UPDATE, { id: product.id, input: { price: '45.00', salePrice: '39.99', name: 'Renamed' } });
    expect(updated.data?.updateProduct).toMatchObject({ product: { name: 'Renamed', price: { amount: '45.00' }, salePrice: { amount: '39.99' } }, userErrors: [] });
    for (const caller of [guest, customer()]) {
      expect((await h.call(caller, PRODUCT, { id: product.id })).data?.product).toMatchObject({ name: 'Renamed', price: { amount: '45.00' }, salePrice: { amount: '39.99' } });
      expect((await h.call(caller, PRODUCT, { slug: product.slug })).data?.product.price.amount).toBe('45.00');
    }
    // ending the sale, withdrawing the product
    await h.call(admin, UPDATE, { id: product.id, input: { salePrice: null, status: 'INACTIVE' } });
    expect((await h.call(guest, PRODUCT, { id: product.id })).data?.product).toBeNull();
    expect((await h.call(admin, PRODUCT, { id: product.id })).data?.product).toMatchObject({ status: 'INACTIVE', salePrice: null });
  });

  it('keeps a sale price at or below the list price across updates', async () => {
    const product = await makeProduct(h, { price: '30.00', salePrice: '25.00' });
    const lower = await h.call(admin, UPDATE, { id: product.id, input: { price: '20.00' } });
    expect(lower.data?.updateProduct.userErrors[0]).toMatchObject({ code: 'INVALID', field: 'input.salePrice' });
    const [row] = await h.sql('SELECT price, sale_price FROM products WHERE id = $1', [product.id]);
    expect(row).toEqual({ price: '30.00', sale_price: '25.00' });
  });
});
