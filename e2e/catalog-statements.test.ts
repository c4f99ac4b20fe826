import { countStatements } from '../platform/db/statement-log';
import { Role } from '../platform/auth/roles';
import { seedCatalog } from '../subgraphs/catalog/src/seed/seed-catalog';
import { DEMO_CUSTOMERS, demoCustomerId } from '../subgraphs/catalog/src/seed/seed-ids';
import { UserEntity } from '../subgraphs/users/src/user/user.entity';
import { startStack, type Stack } from './harness';
import { storefront as op } from './operations';

/**
 * The statements of catalog requests, on a stack of this file's own: the demo catalog seeded,
 * and no other file's requests in the statement logs while a request is counted.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

const catalogSql = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => stack.sql<T>('catalog', sql, params);

describe('statements per request do not grow with the page size', () => {
  const LIST_WITH_REVIEWS = `query ($first: Int) {
    products(first: $first, sortBy: NEWEST) {
      totalCount
      edges { node { id name price { amount } inStock averageRating brand { id name } categories { id slug } reviews(first: 3) { totalCount edges { node { rating author { id name } } } } } }
    }
  }`;

  beforeAll(async () => {
    // the demo catalog (240 products, 1,200 reviews) and its 50 demo customers in the users database
    const users = stack.subgraphs.users.deps.database.dataSource.getRepository(UserEntity);
    await users.insert(
      Array.from({ length: DEMO_CUSTOMERS }, (_, i) => ({ id: demoCustomerId(i + 1), email: `demo${i + 1}-${Date.now()}@example.com`, name: `Demo Customer ${i + 1}`, passwordHash: 'x', roles: [Role.CUSTOMER] })),
    );
    expect((await seedCatalog(stack.subgraphs.catalog.deps.database.dataSource)).seeded).toBe(true);
    await stack.subgraphs.catalog.deps.cache.changed({ productIds: [], categories: true }, true);
  });

  /** Waits until background work (the workers' jobs, e.g. a welcome e-mail) is over: no statement for 300 ms. */
  async function settle() {
    await stack.drainOutboxes();
    let last = Date.now();
    const stops = stack.statementLogs().map((log) => log.listen(() => (last = Date.now())));
    try {
      const until = Date.now() + 10_000;
      while (Date.now() - last < 300 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    } finally {
      stops.forEach((stop) => stop());
    }
  }

  async function measure(document: string, variables: Record<string, unknown>, token: string) {
    await settle();
    const { result, counts } = await countStatements(stack.statementLogs(), () => stack.call(document, variables, token));
    expect(result.errors).toBeUndefined();
    return { result, counts };
  }

  it('ProductList and the product page\'s reviews with authors: first 10 costs as many statements as first 100', async () => {
    // a signed-in customer: never served from the gateway's response cache, so every request does its real work
    const { accessToken } = await stack.registerCustomer();
    await measure(op.ProductList, { first: 1 }, accessToken); // the category tree and brands are cached after the first request
    const ten = await measure(op.ProductList, { first: 10 }, accessToken);
    const hundred = await measure(op.ProductList, { first: 100 }, accessToken);
    expect(ten.result.data!.products.edges).toHaveLength(10);
    expect(hundred.result.data!.products.edges).toHaveLength(100);
    expect(hundred.result.data!.products.edges.every((e: { node: { brand: unknown } }) => e.node.brand !== null)).toBe(true);
    expect(hundred.counts.total).toBe(ten.counts.total);
    expect(hundred.counts.replica).toBe(ten.counts.replica);

    const tenDeep = await measure(LIST_WITH_REVIEWS, { first: 10 }, accessToken);
    const hundredDeep = await measure(LIST_WITH_REVIEWS, { first: 100 }, accessToken);
    const authors = hundredDeep.result.data!.products.edges.flatMap((e: { node: { reviews: { edges: { node: { author: { name: string } } }[] } } }) => e.node.reviews.edges.map((r) => r.node.author.name));
    expect(authors.length).toBeGreaterThan(100);
    expect(authors.every((name: string) => name.startsWith('Demo Customer'))).toBe(true);
    expect(hundredDeep.counts.total).toBe(tenDeep.counts.total);
    expect(hundredDeep.counts.replica).toBe(tenDeep.counts.replica);
    console.log(
      `statements: ProductList first 10 = ${ten.counts.total} (replica ${ten.counts.replica}), first 100 = ${hundred.counts.total} (replica ${hundred.counts.replica}); ` +
        `with categories + reviews + authors: first 10 = ${tenDeep.counts.total} (replica ${tenDeep.counts.replica}), first 100 = ${hundredDeep.counts.total} (replica ${hundredDeep.counts.replica})`,
    );
  });

  it('ProductDetail with reviews and their authors costs a fixed number of statements', async () => {
    const { accessToken } = await stack.registerCustomer();
    const [{ slug }] = await catalogSql(`SELECT slug FROM products WHERE status = 'ACTIVE' ORDER BY review_count DESC LIMIT 1`);
    await measure(op.ProductDetail, { slug, reviewsFirst: 1 }, accessToken);
    const few = await measure(op.ProductDetail, { slug, reviewsFirst: 1 }, accessToken);
    const many = await measure(op.ProductDetail, { slug, reviewsFirst: 8 }, accessToken);
    expect(many.result.data!.product.reviews.edges.length).toBeGreaterThan(1);
    expect(many.counts.total).toBe(few.counts.total);
    console.log(`statements: ProductDetail reviewsFirst 1 = ${few.counts.total} (replica ${few.counts.replica}), 8 = ${many.counts.total} (replica ${many.counts.replica})`);
  });
});
