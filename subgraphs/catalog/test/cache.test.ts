import { randomUUID } from 'node:crypto';
import { CATALOG_CHANGED_CHANNEL, CATALOG_VERSION_KEY, CatalogCache } from '../src/cache/catalog-cache';
import { migrate } from '../../../platform/db/data-source';
import { createLogger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import { createTestDatabase } from '../../../platform/testing/databases';
import { asGateway, postGraphQL, urlOf } from '../../../platform/testing/graphql-client';
import catalog from '../src/subgraph';
import { ADJUST, admin, guest, makeProduct, startCatalog, type CatalogHarness } from './helpers';

const PRODUCT = `query ($id: ID!) { product(id: $id) { name price { amount } availableQuantity } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { userErrors { code } } }`;

let h: CatalogHarness;
beforeAll(async () => {
  h = await startCatalog();
});
afterAll(async () => {
  await h.stop();
});

describe('the Redis cache of products', () => {
  it('serves cached product data until a change through the API drops it', async () => {
    const p = await makeProduct(h, { name: 'Cached Lamp', price: '10.00' }, 3);
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product).toEqual({ name: 'Cached Lamp', price: { amount: '10.00' }, availableQuantity: 3 });
    // a change behind the API's back is not seen while the entry is cached (so the cache is really used)…
    await h.sql(`UPDATE products SET name = 'Changed Behind' WHERE id = $1`, [p.id]);
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product.name).toBe('Cached Lamp');
    // …stock is never cached…
    await h.sql(`UPDATE stock_levels SET on_hand = 7 WHERE product_id = $1`, [p.id]);
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product.availableQuantity).toBe(7);
    // …and any change through the API starts a new generation
    await h.call(admin, UPDATE, { id: p.id, input: { price: '12.00' } });
    expect((await h.call(guest, PRODUCT, { id: p.id })).data?.product).toEqual({ name: 'Changed Behind', price: { amount: '12.00' }, availableQuantity: 7 });
  });

  it('bumps the gateway\'s catalog version and announces every change, stock included', async () => {
    const p = await makeProduct(h);
    const subscriber = createRedis(h.deps.config.redisUrl, 'catalog-changes-test');
    const messages: unknown[] = [];
    await subscriber.subscribe(CATALOG_CHANGED_CHANNEL);
    subscriber.on('message', (_channel, message) => messages.push(JSON.parse(message)));
    try {
      const before = Number(await h.deps.redis.get(CATALOG_VERSION_KEY));
      await h.call(admin, UPDATE, { id: p.id, input: { name: 'Announced' } });
      await h.call(admin, ADJUST, { input: { productId: p.id, delta: 2, reason: 'delivery' } });
      expect(Number(await h.deps.redis.get(CATALOG_VERSION_KEY))).toBeGreaterThanOrEqual(before + 2);
      const until = Date.now() + 5000;
      const mine = () => messages.filter((m) => (m as { productIds: string[] }).productIds.includes(p.id));
      while (mine().length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(mine()).toEqual([
        { productIds: [p.id], categories: false, data: true },
        { productIds: [p.id], categories: false, data: false },
      ]);
    } finally {
      subscriber.disconnect();
    }
  });

  it('keeps answering from the database when Redis is unreachable', async () => {
    // the subgraph's HTTP side only, with a Redis that does not answer
    const db = await createTestDatabase('catalog');
    const config = catalog.readConfig({ NODE_ENV: 'test', CATALOG_DATABASE_URL: db.primaryUrl, CATALOG_DATABASE_REPLICA_URLS: db.replicaUrls[0], REDIS_URL: 'redis://127.0.0.1:1' });
    const deps = await catalog.openDeps(config, createLogger('catalog', 'silent'));
    const server = await catalog.createServer(deps);
    try {
      await migrate(deps.database.dataSource);
      const url = urlOf(await server.listen(0));
      // committed once the replica applied it (and the migrations before it)
      const id = await deps.database.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL synchronous_commit = remote_apply');
        const [row] = await m.query(`INSERT INTO products (sku, slug, name, price, status) VALUES ('NR-1', 'no-redis', 'No Redis', '3.00', 'ACTIVE') RETURNING id::text`);
        return row.id as string;
      });
      const result = await postGraphQL(url, `query ($id: ID!) { product(id: $id) { name } categories { slug } }`, { id }, asGateway(config.internalSecret, 'catalog'));
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ product: { name: 'No Redis' }, categories: [] });
    } finally {
      await server.stop();
      await catalog.closeDeps(deps);
    }
  });

  describe('shared by several processes', () => {
    /** Two instances' caches on one Redis, each with its own decoded copies. */
    function twoCaches() {
      const namespace = `cache-test-${randomUUID()}`;
      const log = createLogger('catalog', 'silent');
      return [new CatalogCache(h.deps.redis, namespace, 60, log), new CatalogCache(h.deps.redis, namespace, 60, log), namespace] as const;
    }

    it('keeps what it read decoded, and drops it at once when another process changes the catalog', async () => {
      const [a, b] = twoCaches();
      await a.setMany(await a.state(), 'product', [['p1', { name: 'Lamp' }]]);
      const first = await b.getMany(await b.state(), 'product', ['p1', 'p2']);
      expect(first).toEqual([{ name: 'Lamp' }, null]);
      // the second read is the same object: decoded once, not read from Redis again
      expect((await b.getMany(await b.state(), 'product', ['p1']))[0]).toBe(first[0]);
      await a.changed({ productIds: ['p1'], categories: false }, true);
      expect(await b.getMany(await b.state(), 'product', ['p1'])).toEqual([null]);
      // a stock-only change keeps the data generation
      await a.setMany(await a.state(), 'product', [['p1', { name: 'Lamp 2' }]]);
      await a.changed({ productIds: ['p1'], categories: false }, false);
      expect(await b.getMany(await b.state(), 'product', ['p1'])).toEqual([{ name: 'Lamp 2' }]);
    });

    it('never reads an old generation again after Redis lost the counter', async () => {
      const [a, b, namespace] = twoCaches();
      await a.changed({ productIds: [], categories: true }, true);
      const before = await b.state();
      await b.setMany(before, 'product', [['p1', { name: 'Before' }]]);
      // the counter is evicted, then as many changes as before bring it back to the same number
      await h.deps.redis.del(`${namespace}:generation`);
      await a.changed({ productIds: [], categories: true }, true);
      const after = await b.state();
      expect(after.version).not.toBe(before.version);
      expect(await b.getMany(after, 'product', ['p1'])).toEqual([null]);
    });

    it('gives values read from Redis back through decode, and the same ones to every request', async () => {
      const [a, b] = twoCaches();
      const at = new Date('2026-01-02T03:04:05Z');
      await a.setMany(await a.state(), 'product', [['p1', { at }]]);
      const decode = (row: { at: Date }) => ({ at: new Date(row.at) });
      const [row] = await b.getMany(await b.state(), 'product', ['p1'], decode);
      expect(row).toEqual({ at });
      expect((await b.getMany(await b.state(), 'product', ['p1'], decode))[0]).toBe(row);
      // the process that wrote it holds the value it was given
      expect((await a.getMany(await a.state(), 'product', ['p1'], decode))[0]).toEqual({ at });
    });
  });
});
