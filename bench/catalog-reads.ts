/**
 * The catalog subgraph on the demo catalog: how long the seed takes, the latency of the
 * storefront's catalog reads (list, category filter, search, product page) and of stock
 * reservations under concurrency. Figures only, no thresholds.
 *
 *   npx tsc -p tsconfig.json --outDir dist; node --enable-source-maps dist/bench/catalog-reads.js
 *
 * Needs PostgreSQL and Redis: uses the test cluster (started here when it is not running, and then
 * stopped again) with its own fresh database.
 */
import 'reflect-metadata';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../platform/auth/internal-token';
import { startPostgresCluster, type PostgresCluster } from '../platform/infra/postgres-cluster';
import { startRedis, type LocalRedis } from '../platform/infra/redis-server';
import { asGateway, postGraphQL } from '../platform/testing/graphql-client';
import { TEST_INFRA } from '../platform/testing/test-infra';
import { seedCatalog } from '../subgraphs/catalog/src/seed/seed-catalog';
import { startSubgraphForTest } from '../platform/testing/start-subgraph';
import catalogSubgraph from '../subgraphs/catalog/src/subgraph';

process.env.TEST_LOG_LEVEL ??= 'error';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), p50: at(0.5), p95: at(0.95), p99: at(0.99) };
};
const fmt = (n: number) => n.toFixed(2).padStart(8);

/** Runs `count` calls of `fn`, `concurrency` at a time; returns each call's duration in ms. */
async function timed(count: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<{ ms: number[]; wall: number }> {
  const ms: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await fn(i);
        ms.push(performance.now() - t);
      }
    }),
  );
  return { ms, wall: performance.now() - started };
}

const LIST = `query ($first: Int, $after: String, $filter: ProductFilter, $sortBy: ProductSort) {
  products(first: $first, after: $after, filter: $filter, sortBy: $sortBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name slug price { amount } salePrice { amount } featuredImage inStock averageRating reviewCount brand { id name } } }
  }
}`;
const DETAIL = `query ($slug: String!) {
  product(slug: $slug) {
    id name sku description images attributes weight availableQuantity categories { slug } brand { name }
    reviews(first: 5) { totalCount edges { node { rating title author { id } } } }
  }
}`;
const RESERVE = `mutation ($reference: String!, $lines: [StockLineInput!]!) { reserveStock(reference: $reference, lines: $lines) { reservation { status } userErrors { code } } }`;

async function main() {
  let cluster: PostgresCluster | undefined;
  let redis: LocalRedis | undefined;
  if (!(await listening(TEST_INFRA.primaryPort))) {
    cluster = await startPostgresCluster({ dataDir: TEST_INFRA.dataDir, primaryPort: TEST_INFRA.primaryPort, replicaPort: TEST_INFRA.replicaPort, unsafeFast: true });
  }
  if (!process.env.TEST_REDIS_URL && !(await listening(TEST_INFRA.redisPort))) redis = await startRedis(TEST_INFRA.dataDir, TEST_INFRA.redisPort, () => undefined);
  const catalog = await startSubgraphForTest(catalogSubgraph, `bench-${Date.now()}`);
  try {
    const { dataSource } = catalog.deps.database;
    const seedStarted = performance.now();
    const seeded = await seedCatalog(dataSource);
    const seedMs = performance.now() - seedStarted;
    await catalog.deps.cache.changed({ productIds: [], categories: true }, true);
    console.log(`\nseed: ${seedMs.toFixed(0)} ms for ${JSON.stringify(seeded.counts)}`);

    const guest = asGateway(catalog.deps.config.internalSecret, 'catalog');
    const call = async (query: string, variables: Record<string, unknown>, headers = guest) => {
      const res = await postGraphQL(catalog.url, query, variables, headers);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res;
    };
    const slugs: string[] = (await dataSource.query(`SELECT slug FROM products WHERE status = 'ACTIVE' ORDER BY seq`)).map((r: { slug: string }) => r.slug);
    const sorts = ['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING', 'BEST_SELLING'];
    const categories = ['electronics', 'audio', 'kitchen', 'tents', 'yoga', 'lighting'];
    const searches = ['wireless', 'lamp', 'cast iron', 'sleeping b', 'keyboard mech', 'yoga m'];

    const scenarios: [string, (i: number) => Promise<unknown>][] = [
      ['ProductList first 20, 5 sorts', (i) => call(LIST, { first: 20, sortBy: sorts[i % sorts.length] })],
      ['ProductList first 100', () => call(LIST, { first: 100 })],
      ['category (+descendants) + price', (i) => call(LIST, { first: 20, filter: { categorySlug: categories[i % categories.length], minPrice: '20', maxPrice: '200' }, sortBy: 'PRICE_ASC' })],
      ['search, RELEVANCE', (i) => call(LIST, { first: 20, filter: { search: searches[i % searches.length] } })],
      ['product page by slug (cached)', (i) => call(DETAIL, { slug: slugs[i % 40] })],
    ];
    console.log(`\n${REQUESTS} requests per scenario, ${CONCURRENCY} at a time, straight to the catalog subgraph (no gateway)\n`);
    console.log(`${'latency (ms)'.padEnd(34)}${'n'.padStart(6)}${'mean'.padStart(9)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}${'req/s'.padStart(9)}`);
    for (const [name, fn] of scenarios) {
      await timed(20, CONCURRENCY, fn); // warm-up: connections, caches
      const { ms, wall } = await timed(REQUESTS, CONCURRENCY, fn);
      const s = stats(ms);
      console.log(`${name.padEnd(34)}${String(s.n).padStart(6)} ${fmt(s.mean)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)} ${fmt((REQUESTS / wall) * 1000)}`);
    }

    // reservations: 20 checkouts at a time over 10 products with 10 units each; 100 units in all for 400 attempts
    const service = { [INTERNAL_TOKEN_HEADER]: signInternalToken(catalog.deps.config.internalSecret, { caller: 'orders', audience: 'catalog' }) };
    const products: string[] = (await dataSource.query(`SELECT id::text FROM products WHERE status = 'ACTIVE' ORDER BY seq LIMIT 10`)).map((r: { id: string }) => r.id);
    await dataSource.query(`UPDATE stock_levels SET on_hand = CASE WHEN warehouse_id = (SELECT id FROM warehouses WHERE is_default) THEN 10 ELSE 0 END, reserved = 0 WHERE product_id = ANY($1::uuid[])`, [products]);
    let held = 0;
    const { ms, wall } = await timed(400, 20, async (i) => {
      const res = await call(RESERVE, { reference: `bench-${Date.now()}-${i}`, lines: [{ productId: products[i % 10], quantity: 1 }] }, service);
      if (res.data!.reserveStock.reservation?.status === 'HELD') held += 1;
    });
    const [{ reserved }] = await dataSource.query('SELECT sum(reserved)::int AS reserved FROM stock_levels WHERE product_id = ANY($1::uuid[])', [products]);
    const s = stats(ms);
    console.log(`${'reserveStock, 20 concurrent'.padEnd(34)}${String(s.n).padStart(6)} ${fmt(s.mean)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)} ${fmt((400 / wall) * 1000)}`);
    console.log(`\nreservations held: ${held} of 400 attempts for 100 units; units reserved in the database: ${reserved}`);
  } finally {
    await catalog.stop();
    await redis?.stop();
    await cluster?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
