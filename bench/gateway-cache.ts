/**
 * `npm run bench:gateway-cache`: the response cache on anonymous ProductList traffic. Two gateways in
 * front of the same subgraphs, one with the Redis response cache and one without, take the same
 * requests interleaved (a mix of pages, sorts and filters, with a price change half way that drops
 * the cache). Prints the hit ratio and the latency of each side. Needs PostgreSQL and Redis: uses
 * the test cluster (started here when not running) and its own fresh databases.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { startPostgresCluster } from '../platform/infra/postgres-cluster';
import { startRedis } from '../platform/infra/redis-server';
import { TEST_INFRA } from '../platform/testing/test-infra';
import { postGraphQL } from '../platform/testing/graphql-client';
import { startStack } from '../e2e/harness';
import { exampleOperations } from '../gateway/src/playground/example-operations';
import { startExtraGateway } from '../gateway/test/gateway-fixtures';

process.env.TEST_LOG_LEVEL ??= 'error'; // the stack's shutdown warnings are not the benchmark's output
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 60);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);

/** The storefront's typical list requests: pages of 10 or 20, four sorts, with and without a price range. */
const VARIANTS = [10, 20].flatMap((first) =>
  ['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING'].flatMap((sortBy) => [
    { first, sortBy },
    { first, sortBy, filter: { minPrice: '20', maxPrice: '80' } },
  ]),
);

/** Popular pages more often (a Zipf-like pick), as on a real storefront. */
const pick = (i: number) => VARIANTS[Math.floor(VARIANTS.length * Math.pow(((i * 7919) % 1000) / 1000, 2))];

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1), p50: at(0.5), p95: at(0.95), p99: at(0.99) };
};
const fmt = (n: number) => n.toFixed(2).padStart(8);

/** The project's own client documents (schema/operations). */
const operation = (name: string) => {
  const found = exampleOperations().find((o) => o.name === name);
  if (!found) throw new Error(`no operation ${name} in schema/operations`);
  return found.document;
};
const admin = { CreateProduct: operation('CreateProduct'), UpdateProduct: operation('UpdateProduct') };
const storefront = { ProductList: operation('ProductList') };

async function main() {
  const cluster = await startPostgresCluster({ dataDir: TEST_INFRA.dataDir, primaryPort: TEST_INFRA.primaryPort, replicaPort: TEST_INFRA.replicaPort, unsafeFast: true });
  const redis = process.env.TEST_REDIS_URL ? undefined : await startRedis(TEST_INFRA.dataDir, TEST_INFRA.redisPort, () => undefined);
  const stack = await startStack({ RATE_LIMIT_ENABLED: 'false' });
  const uncached = await startExtraGateway(stack, { RATE_LIMIT_ENABLED: 'false', RESPONSE_CACHE_ENABLED: 'false' });
  try {
    const token = await stack.adminToken();
    const ids: string[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const res = await stack.call(admin.CreateProduct, { input: { name: `Bench Product ${i}`, sku: `BENCH-${Date.now()}-${i}`, price: (5 + ((i * 37) % 95)).toFixed(2), status: 'ACTIVE' } }, token);
      ids.push(res.data!.createProduct.product.id);
    }
    // warm both gateways' query plans and connection pools
    for (const v of VARIANTS) {
      await postGraphQL(uncached.url, storefront.ProductList, v);
      await postGraphQL(stack.gatewayUrl, storefront.ProductList, { ...v, first: v.first + 1 });
    }

    const cachedMs: number[] = [];
    const hitMs: number[] = [];
    const missMs: number[] = [];
    const uncachedMs: number[] = [];
    let hits = 0;
    for (let i = 0; i < REQUESTS; i++) {
      if (i === Math.floor(REQUESTS / 2)) {
        // a price change: every cached list is dropped at once
        await stack.call(admin.UpdateProduct, { id: ids[0], input: { price: '42.00' } }, token);
      }
      const variables = pick(i);
      let t = performance.now();
      const cachedRes = await postGraphQL(stack.gatewayUrl, storefront.ProductList, variables);
      const cachedTime = performance.now() - t;
      t = performance.now();
      const plainRes = await postGraphQL(uncached.url, storefront.ProductList, variables);
      uncachedMs.push(performance.now() - t);
      if (cachedRes.errors || plainRes.errors) throw new Error(JSON.stringify(cachedRes.errors ?? plainRes.errors));
      cachedMs.push(cachedTime);
      if (cachedRes.headers.get('age') !== null) {
        hits += 1;
        hitMs.push(cachedTime);
      } else missMs.push(cachedTime);
    }

    const rows: [string, ReturnType<typeof stats>][] = [
      ['uncached gateway', stats(uncachedMs)],
      ['cached gateway (all)', stats(cachedMs)],
      ['  cache hits', stats(hitMs)],
      ['  cache misses', stats(missMs)],
    ];
    console.log(`\nProductList, ${REQUESTS} anonymous requests per gateway, ${VARIANTS.length} distinct variable sets, ${PRODUCTS} products, one price change half way`);
    console.log(`response cache hit ratio: ${((hits / REQUESTS) * 100).toFixed(1)}% (${hits} hits, ${REQUESTS - hits} misses)\n`);
    console.log(`${'latency (ms)'.padEnd(24)}${'n'.padStart(6)}${'mean'.padStart(9)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}`);
    for (const [name, s] of rows) console.log(`${name.padEnd(24)}${String(s.n).padStart(6)} ${fmt(s.mean)} ${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.p99)}`);
    const speedup = stats(uncachedMs).p50 / stats(hitMs).p50;
    console.log(`\nmedian: a cache hit is ${speedup.toFixed(1)}× faster than the uncached gateway`);
  } finally {
    await uncached.stop();
    await stack.stop();
    await redis?.stop();
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
