import { sharedStack } from './shared-stack';
import type { StackClient } from './stack-client';
import { admin as adminOp, storefront as op } from './operations';

/** The statements a catalog request costs: e2e/catalog-statements.test.ts (a stack of its own, nothing else running). */
let stack: StackClient;
let adminToken: string;
beforeAll(async () => {
  stack = await sharedStack();
  adminToken = await stack.adminToken();
});
afterAll(() => stack?.stop());

const catalogSql = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => stack.sql<T>('catalog', sql, params);
const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
const errorsOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;

async function createCategory(name: string, parentSlug?: string) {
  const res = await stack.call(adminOp.CreateCategory, { input: { name, slug: unique(name.toLowerCase()), parentSlug } }, adminToken);
  expect(res.data!.createCategory.userErrors).toEqual([]);
  return res.data!.createCategory.category as { id: string; slug: string; parent: { slug: string } | null };
}

async function createProduct(input: Record<string, unknown>, stock = 0) {
  const sku = unique('SKU');
  const res = await stack.call(adminOp.CreateProduct, { input: { sku, price: '10.00', status: 'ACTIVE', ...input } }, adminToken);
  expect(res.data!.createProduct.userErrors).toEqual([]);
  const product = res.data!.createProduct.product as { id: string; slug: string; sku: string };
  if (stock) {
    const adjusted = await stack.call(adminOp.AdjustInventory, { input: { productId: product.id, delta: stock, reason: 'delivery' } }, adminToken);
    expect(adjusted.data!.adjustInventory.userErrors).toEqual([]);
  }
  return product;
}

/** An order confirmation as the orders service will publish it: through the catalog's queue. */
async function confirmOrder(orderId: string, userId: string | null, lines: { productId: string; quantity: number }[]) {
  const [{ id }] = await catalogSql(`INSERT INTO outbox (queue, name, payload) VALUES ('catalog', 'order.confirmed', $1) RETURNING id`, [JSON.stringify({ orderId, userId, email: 'x@example.com', lines })]);
  await stack.drainOutboxes();
  const until = Date.now() + 15_000;
  while (!(await catalogSql(`SELECT 1 FROM processed_jobs WHERE consumer = 'catalog' AND job_id = $1`, [`catalog-${id}`])).length) {
    if (Date.now() > until) throw new Error('order.confirmed was not consumed');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('catalog through the gateway', () => {
  it('Categories: staff build a three-level tree that every client sees at once', async () => {
    const before = await stack.call(op.Categories);
    expect(before.errors).toBeUndefined();
    const root = await createCategory('Garden');
    const mid = await createCategory('Tools', root.slug);
    const leaf = await createCategory('Shears', mid.slug);
    expect(leaf.parent).toEqual({ id: mid.id, slug: mid.slug });
    const after = await stack.call(op.Categories);
    const garden = after.data!.categories.find((c: { slug: string }) => c.slug === root.slug);
    expect(garden).toEqual({ id: root.id, name: 'Garden', slug: root.slug, children: [{ id: mid.id, name: 'Tools', slug: mid.slug, children: [{ id: leaf.id, name: 'Shears', slug: leaf.slug }] }] });
    const taken = await stack.call(adminOp.CreateCategory, { input: { name: 'Again', slug: root.slug } }, adminToken);
    expect(errorsOf(taken.data!.createCategory)).toEqual(['TAKEN']);
  });

  it('CreateProduct, ProductList and ProductDetail: a category filter includes descendants, guests see only ACTIVE products', async () => {
    const root = await createCategory('Kitchen');
    const child = await createCategory('Knives', root.slug);
    const chef = await createProduct({ name: 'Chef Knife', price: '80.00', salePrice: '60.00', categorySlugs: [child.slug], images: ['https://img.example.com/knife.jpg'], attributes: { steel: 'VG-10' }, weight: '0.210', dimensions: '33 x 5 x 2 cm', description: 'Sharp.', shortDescription: 'A sharp knife.' }, 4);
    const board = await createProduct({ name: 'Cutting Board', price: '25.00', categorySlugs: [root.slug] });
    await createProduct({ name: 'Draft Peeler', categorySlugs: [child.slug], status: 'DRAFT' });

    const list = await stack.call(op.ProductList, { first: 10, filter: { categorySlug: root.slug }, sortBy: 'PRICE_ASC' });
    expect(list.errors).toBeUndefined();
    expect(list.data!.products.totalCount).toBe(2);
    expect(list.data!.products.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(['Cutting Board', 'Chef Knife']);
    expect(list.data!.products.edges[1].node).toMatchObject({ price: { amount: '80.00', currencyCode: 'USD' }, salePrice: { amount: '60.00' }, featuredImage: 'https://img.example.com/knife.jpg', inStock: true, averageRating: null, reviewCount: 0, brand: null });
    expect((await stack.call(op.ProductList, { first: 10, filter: { categorySlug: root.slug, inStock: false } })).data!.products.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([board.id]);

    const detail = await stack.call(op.ProductDetail, { slug: chef.slug });
    expect(detail.errors).toBeUndefined();
    expect(detail.data!.product).toMatchObject({
      id: chef.id, sku: chef.sku, description: 'Sharp.', shortDescription: 'A sharp knife.', status: 'ACTIVE', images: ['https://img.example.com/knife.jpg'],
      attributes: { steel: 'VG-10' }, weight: '0.210', dimensions: '33 x 5 x 2 cm', availableQuantity: 4,
      categories: [{ id: child.id, name: 'Knives', slug: child.slug }], reviews: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false } },
    });

    const duplicate = await stack.call(adminOp.CreateProduct, { input: { name: 'Chef Knife', sku: chef.sku.toLowerCase(), price: '1.00' } }, adminToken);
    expect(duplicate.data!.createProduct).toMatchObject({ product: null, userErrors: [{ code: 'TAKEN', field: 'input.slug' }, { code: 'TAKEN', field: 'input.sku' }] });
    expect(codes((await stack.call(op.ProductList, { first: 101 })).errors)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await stack.call(op.ProductList, { first: 5, filter: { minPrice: 'cheap' } })).errors)).toEqual(['BAD_USER_INPUT']);
    expect(codes((await stack.call(op.ProductList, { first: 5, after: 'garbage' })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('UpdateProduct: no reader sees the old price once the mutation returns (response cache, product cache, replicas)', async () => {
    const p = await createProduct({ name: 'Price Watch', price: '100.00' }, 1);
    const customer = await stack.registerCustomer();
    // anonymous and signed-in reads fill every cache
    for (let i = 0; i < 2; i += 1) {
      expect((await stack.call(op.ProductDetail, { slug: p.slug })).data!.product.price.amount).toBe('100.00');
      expect((await stack.call(op.ProductDetail, { slug: p.slug }, customer.accessToken)).data!.product.price.amount).toBe('100.00');
    }
    const updated = await stack.call(adminOp.UpdateProduct, { id: p.id, input: { price: '90.00', salePrice: '79.00' } }, adminToken);
    expect(updated.data!.updateProduct).toEqual({ product: { id: p.id, name: 'Price Watch', status: 'ACTIVE', price: { amount: '90.00', currencyCode: 'USD' }, salePrice: { amount: '79.00', currencyCode: 'USD' } }, userErrors: [] });
    const guestView = await stack.call(op.ProductDetail, { slug: p.slug });
    const customerView = await stack.call(op.ProductDetail, { slug: p.slug }, customer.accessToken);
    for (const view of [guestView, customerView]) expect(view.data!.product).toMatchObject({ price: { amount: '90.00' }, salePrice: { amount: '79.00' } });
    const unknown = await stack.call(adminOp.UpdateProduct, { id: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', input: { price: '1.00' } }, adminToken);
    expect(errorsOf(unknown.data!.updateProduct)).toEqual(['NOT_FOUND']);
    // withdrawn: gone for customers at once
    await stack.call(adminOp.UpdateProduct, { id: p.id, input: { status: 'ARCHIVED' } }, adminToken);
    expect((await stack.call(op.ProductDetail, { slug: p.slug })).data!.product).toBeNull();
  });

  it('AdjustInventory and ProductInventory: stock per warehouse, the ledger, INSUFFICIENT_STOCK', async () => {
    const p = await createProduct({ name: 'Ledger Lamp' });
    const added = await stack.call(adminOp.AdjustInventory, { input: { productId: p.id, delta: 12, reason: 'delivery 42' } }, adminToken);
    expect(added.data!.adjustInventory).toEqual({ inventory: { warehouse: { id: expect.any(String), name: 'Main warehouse' }, onHand: 12, reserved: 0, available: 12 }, userErrors: [] });
    const removed = await stack.call(adminOp.AdjustInventory, { input: { productId: p.id, delta: -5, reason: 'damaged' } }, adminToken);
    expect(removed.data!.adjustInventory.inventory).toMatchObject({ onHand: 7, available: 7 });
    const tooMuch = await stack.call(adminOp.AdjustInventory, { input: { productId: p.id, delta: -8, reason: 'count' } }, adminToken);
    expect(tooMuch.data!.adjustInventory).toMatchObject({ inventory: null, userErrors: [{ code: 'INSUFFICIENT_STOCK' }] });
    const view = await stack.call(adminOp.ProductInventory, { id: p.id }, adminToken);
    expect(view.errors).toBeUndefined();
    expect(view.data!.product).toMatchObject({ id: p.id, availableQuantity: 7, inventory: [{ warehouse: { name: 'Main warehouse' }, onHand: 7, reserved: 0, available: 7 }] });
    expect(view.data!.product.stockMovements.edges.map((e: { node: { type: string; quantity: number; reason: string; referenceId: string | null } }) => e.node)).toEqual([
      { type: 'ADJUSTMENT', quantity: -5, reason: 'damaged', referenceId: null, createdAt: expect.any(String) },
      { type: 'ADJUSTMENT', quantity: 12, reason: 'delivery 42', referenceId: null, createdAt: expect.any(String) },
    ]);
    expect((await stack.call(op.ProductDetail, { slug: p.slug })).data!.product.availableQuantity).toBe(7);
  });

  it('AddReview, ModerateReview: pending reviews do not count; approval recomputes the rating; authors come from users', async () => {
    const p = await createProduct({ name: 'Reviewed Kettle' });
    const ann = await stack.registerCustomer('Ann Reviewer');
    const bob = await stack.registerCustomer('Bob Reviewer');
    await confirmOrder('order-ann-1', ann.userId, [{ productId: p.id, quantity: 1 }]);
    const first = await stack.call(op.AddReview, { input: { productId: p.id, rating: 5, title: 'Great', content: 'Boils fast.' } }, ann.accessToken);
    expect(first.data!.addReview).toMatchObject({ review: { rating: 5, status: 'PENDING', isVerifiedPurchase: true }, userErrors: [] });
    const second = await stack.call(op.AddReview, { input: { productId: p.id, rating: 2 } }, bob.accessToken);
    expect(second.data!.addReview.review).toMatchObject({ status: 'PENDING', isVerifiedPurchase: false });
    const bad = await stack.call(op.AddReview, { input: { productId: p.id, rating: 6 } }, bob.accessToken);
    expect(bad.data!.addReview).toMatchObject({ review: null, userErrors: [{ code: 'INVALID', field: 'input.rating' }] });
    expect(codes((await stack.call(op.AddReview, { input: { productId: p.id, rating: 4 } })).errors)).toEqual(['UNAUTHENTICATED']);
    expect((await stack.call(op.ProductDetail, { slug: p.slug })).data!.product).toMatchObject({ averageRating: null, reviewCount: 0 });

    for (const review of [first, second]) {
      const moderated = await stack.call(adminOp.ModerateReview, { id: review.data!.addReview.review.id, status: 'APPROVED' }, adminToken);
      expect(moderated.data!.moderateReview).toEqual({ review: { id: review.data!.addReview.review.id, status: 'APPROVED' }, userErrors: [] });
    }
    const detail = await stack.call(op.ProductDetail, { slug: p.slug, reviewsFirst: 5 });
    expect(detail.errors).toBeUndefined();
    expect(detail.data!.product).toMatchObject({ averageRating: 3.5, reviewCount: 2 });
    expect(detail.data!.product.reviews.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { id: second.data!.addReview.review.id, rating: 2, title: null, content: null, isVerifiedPurchase: false, createdAt: expect.any(String), author: { id: bob.userId, name: 'Bob Reviewer' } },
      { id: first.data!.addReview.review.id, rating: 5, title: 'Great', content: 'Boils fast.', isVerifiedPurchase: true, createdAt: expect.any(String), author: { id: ann.userId, name: 'Ann Reviewer' } },
    ]);
  });

  it('BestSellers: units from confirmed orders, counted once per event', async () => {
    const a = await createProduct({ name: 'Top Seller' }, 50);
    const b = await createProduct({ name: 'Second Seller' }, 50);
    const before = await stack.call(op.BestSellers, { first: 50 });
    expect(before.errors).toBeUndefined();
    await confirmOrder('order-best-1', null, [{ productId: a.id, quantity: 900 }, { productId: b.id, quantity: 800 }]);
    await confirmOrder('order-best-2', null, [{ productId: b.id, quantity: 50 }]);
    const best = await stack.call(op.BestSellers, { first: 2 });
    expect(best.data!.bestSellers.map((s: { quantitySold: number; product: { id: string; name: string } }) => [s.quantitySold, s.product.name])).toEqual([
      [900, 'Top Seller'],
      [850, 'Second Seller'],
    ]);
    expect(best.data!.bestSellers[0].product).toMatchObject({ id: a.id, inStock: true, price: { amount: '10.00' } });
  });

  it('wishlists (users) resolve their products from the catalog', async () => {
    const p = await createProduct({ name: 'Wished Lamp', price: '33.00' }, 2);
    const c = await stack.registerCustomer();
    const added = await stack.call(op.AddToWishlist, { productId: p.id }, c.accessToken);
    expect(added.data!.addToWishlist.userErrors).toEqual([]);
    expect(added.data!.addToWishlist.wishlist.items.map((i: { product: { id: string } }) => i.product.id)).toEqual([p.id]);
    const mine = await stack.call(op.MyWishlists, {}, c.accessToken);
    expect(mine.errors).toBeUndefined();
    const [wishlist] = mine.data!.me.wishlists;
    expect(wishlist.items[0].product).toMatchObject({ id: p.id, name: 'Wished Lamp', slug: p.slug, price: { amount: '33.00' }, inStock: true });
    const removed = await stack.call(op.RemoveFromWishlist, { itemId: wishlist.items[0].id }, c.accessToken);
    expect(removed.data!.removeFromWishlist).toEqual({ wishlist: { id: wishlist.id, items: [] }, userErrors: [] });
  });

  it('staff operations: FORBIDDEN for customers, UNAUTHENTICATED for guests, and nothing changes', async () => {
    const p = await createProduct({ name: 'Guarded', price: '5.00' }, 3);
    const author = await stack.registerCustomer();
    const review = await stack.call(op.AddReview, { input: { productId: p.id, rating: 4 } }, author.accessToken);
    const reviewId = review.data!.addReview.review.id;
    const customer = await stack.registerCustomer();
    const attempts: [string, Record<string, unknown>][] = [
      [adminOp.CreateProduct, { input: { name: 'Sneaky', sku: unique('SNEAK'), price: '1.00' } }],
      [adminOp.UpdateProduct, { id: p.id, input: { price: '0.01' } }],
      [adminOp.CreateCategory, { input: { name: 'Sneaky', slug: unique('sneaky') } }],
      [adminOp.AdjustInventory, { input: { productId: p.id, delta: 100, reason: 'free stock' } }],
      [adminOp.ModerateReview, { id: reviewId, status: 'APPROVED' }],
      [adminOp.ProductInventory, { id: p.id }],
    ];
    for (const [document, variables] of attempts) {
      expect(codes((await stack.call(document, variables, customer.accessToken)).errors)).toContain('FORBIDDEN');
      expect(codes((await stack.call(document, variables)).errors)).toContain('UNAUTHENTICATED');
    }
    const [product] = await catalogSql('SELECT price FROM products WHERE id = $1', [p.id]);
    expect(product.price).toBe('5.00');
    expect(await catalogSql(`SELECT on_hand FROM stock_levels WHERE product_id = $1`, [p.id])).toEqual([{ on_hand: 3 }]);
    expect(await catalogSql(`SELECT 1 FROM products WHERE name = 'Sneaky' UNION ALL SELECT 1 FROM categories WHERE name = 'Sneaky'`)).toEqual([]);
    expect((await catalogSql('SELECT status FROM reviews WHERE id = $1', [reviewId]))[0].status).toBe('PENDING');
  });

  it('the internal stock operations are not part of the public API', async () => {
    const res = await stack.call(`mutation { reserveStock(reference: "x", lines: []) { userErrors { code } } }`, {}, adminToken);
    expect(codes(res.errors)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
