import { randomBytes } from 'node:crypto';
import { countStatements } from '../../platform/db/statement-log';
import { startStack, type Stack } from '../../e2e/harness';
import { admin, storefront } from '../../e2e/operations';
import { CODEGEN_MANIFEST } from '../src/persisted-queries/persisted-queries.config';
import { TrustedDocuments } from '../src/persisted-queries/trusted-documents';
import { getGraphQL } from './gateway-fixtures';

let stack: Stack;
let adminToken: string;
const products: { id: string; slug: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
  adminToken = await stack.adminToken();
  for (const [i, price] of ['10.00', '20.00', '30.00'].entries()) {
    const tag = randomBytes(3).toString('hex');
    const created = await stack.call(admin.CreateProduct, { input: { name: `Cache Lamp ${i} ${tag}`, sku: `CACHE-${tag}-${i}`, price, status: 'ACTIVE' } }, adminToken);
    expect(created.data?.createProduct.userErrors).toEqual([]);
    const product = created.data!.createProduct.product;
    const stocked = await stack.call(admin.AdjustInventory, { input: { productId: product.id, delta: 5, reason: 'test stock' } }, adminToken);
    expect(stocked.data?.adjustInventory.userErrors).toEqual([]);
    products.push({ id: product.id, slug: product.slug });
  }
});
afterAll(async () => {
  await stack?.stop();
});

const LIST = { first: 50, sortBy: 'NEWEST' };
type Card = { id: string; price: { amount: string }; inStock: boolean };
const cards = (data: Record<string, any> | undefined): Card[] => data!.products.edges.map((e: { node: Card }) => e.node);

/** A ProductList call and the SQL statements it cost every subgraph. */
async function productList(token?: string) {
  const { result, counts } = await countStatements(stack.statementLogs(), () => stack.call(storefront.ProductList, LIST, token));
  expect(result.errors).toBeUndefined();
  return { ...result, statements: counts.total };
}

/** The response cache is written in the background: wait for the next call to be a hit. */
async function untilCached() {
  for (let i = 0; i < 40; i++) {
    const res = await productList();
    if (res.headers.get('age') !== null) return res;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('ProductList never came from the response cache');
}

describe('the response cache (anonymous catalog queries, in Redis)', () => {
  it('answers a repeated anonymous ProductList from Redis, without touching a database', async () => {
    const first = await productList();
    expect(first.headers.get('age')).toBeNull();
    expect(first.statements).toBeGreaterThan(0);
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    const hit = await untilCached();
    expect(hit.statements).toBe(0);
    expect(hit.data).toEqual(first.data);
    expect(hit.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });

  it('never serves the old price once UpdateProduct has returned', async () => {
    await untilCached();
    const target = products[1];
    for (const price of ['21.50', '22.75']) {
      const updated = await stack.call(admin.UpdateProduct, { id: target.id, input: { price } }, adminToken);
      expect(updated.data?.updateProduct.userErrors).toEqual([]);
      // the very next anonymous read, and every one after it, has the new price
      for (let i = 0; i < 5; i++) {
        const res = await productList();
        expect(cards(res.data).find((c) => c.id === target.id)!.price.amount).toBe(price);
      }
    }
  });

  it('never serves the old stock once AdjustInventory has returned', async () => {
    await untilCached();
    const target = products[2];
    const emptied = await stack.call(admin.AdjustInventory, { input: { productId: target.id, delta: -5, reason: 'sold out' } }, adminToken);
    expect(emptied.data?.adjustInventory.userErrors).toEqual([]);
    const res = await productList();
    expect(cards(res.data).find((c) => c.id === target.id)!.inStock).toBe(false);
  });

  it('does not share signed-in responses: no cache read or write, Cache-Control no-store', async () => {
    const customer = await stack.registerCustomer('Cache Reader');
    await untilCached();
    for (let i = 0; i < 2; i++) {
      const res = await productList(customer.accessToken);
      expect(res.headers.get('age')).toBeNull();
      expect(res.statements).toBeGreaterThan(0);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('vary')).toMatch(/authorization/i);
    }
  });

  it('does not cache an anonymous query that reads anything without a public cache hint', async () => {
    const query = `query Mixed { me { id } products(first: 1) { totalCount } }`;
    for (let i = 0; i < 3; i++) {
      const res = await stack.call(query);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('age')).toBeNull();
    }
  });
});

describe('queries by hash over GET (CDN-friendly)', () => {
  const manifest = TrustedDocuments.fromFiles([CODEGEN_MANIFEST]);
  const idOf = (name: string) => manifest.all().find((d) => d.name === name)!.id;

  it('carry public max-age for anonymous catalog reads', async () => {
    const res = await getGraphQL(stack.gatewayUrl, { documentId: idOf('ProductList'), variables: LIST });
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(Number(/max-age=(\d+)/.exec(res.headers.get('cache-control')!)![1])).toBeGreaterThan(0);
    const categories = await getGraphQL(stack.gatewayUrl, { documentId: idOf('Categories') });
    expect(categories.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });

  it('carry no-store for a signed-in caller, and for user data', async () => {
    const customer = await stack.registerCustomer('Cdn');
    const auth = { authorization: `Bearer ${customer.accessToken}` };
    const list = await getGraphQL(stack.gatewayUrl, { documentId: idOf('ProductList'), variables: LIST }, auth);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const me = await getGraphQL(stack.gatewayUrl, { documentId: idOf('Me') }, auth);
    expect(me.data!.me.id).toBe(customer.userId);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const anonymousMe = await getGraphQL(stack.gatewayUrl, { documentId: idOf('Me') });
    expect(anonymousMe.headers.get('cache-control')).toBe('no-store');
  });

  it('work with the APQ hash too', async () => {
    const hash = idOf('Categories').replace(/^sha256:/, '');
    const res = await getGraphQL(stack.gatewayUrl, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
  });
});
