import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Redis from 'ioredis';
import { register } from 'prom-client';
import { waitFor } from '../platform/infra/processes';
import { startRedis, type LocalRedis } from '../platform/infra/redis-server';
import { REVOCATIONS_COMPLETE_KEY, revokedSessionKey } from '../platform/auth/revocation';
import { TEST_INFRA } from '../platform/testing/test-infra';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { SUBGRAPHS } from '../subgraphs/registry';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

// a Redis of this file's own (stopped, started again and flushed below), on its own data folder
const REDIS_PORT = TEST_INFRA.redisPort + 2;
const REDIS_DIR = join(TEST_INFRA.dataDir, `redis-outage-${process.pid}`);
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}`;

let redis: LocalRedis | undefined;
let stack: Stack;
let adminToken: string;
beforeAll(async () => {
  redis = await startRedis(REDIS_DIR, REDIS_PORT);
  const everywhere = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, { REDIS_URL }]));
  stack = await startStack({ REDIS_URL }, { ...everywhere, users: { REDIS_URL, REVOCATION_REPUBLISH_MS: '300' } });
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
});
afterAll(async () => {
  // the stack stops with Redis there (a test that failed midway may have left it down)
  redis ??= await startRedis(REDIS_DIR, REDIS_PORT);
  await stack?.stop();
  await redis.stop(true);
});

const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
const ADDRESS = { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' };
const sqlOf = (name: string) => <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => stack.subgraphs[name].deps.database.dataSource.query(text, params);

async function stopRedis(): Promise<void> {
  await redis!.stop(true);
  redis = undefined;
}

async function startRedisAgain(): Promise<void> {
  redis = await startRedis(REDIS_DIR, REDIS_PORT);
}

/** Whether `token` is still accepted: `me` answers with the account, or UNAUTHENTICATED. */
async function accepted(token: string): Promise<boolean> {
  const res = await stack.call(op.Me, {}, token);
  if (res.data?.me?.id) return true;
  expect(codes(res.errors)).toEqual(['UNAUTHENTICATED']);
  return false;
}

async function mailFilesOf(notificationId: string): Promise<string[]> {
  const dir = stack.subgraphs.users.deps.config.mail.fileDir as string;
  return (await readdir(dir)).filter((f) => f.endsWith(`${notificationId}.json`));
}

it('Redis stopped: catalog reads and a checkout work, staff tokens get 503, a logout takes effect once Redis is back, and the confirmation mail goes out once', async () => {
  const created = await stack.call(adminOp.CreateProduct, { input: { name: `Outage lamp ${randomUUID()}`, sku: `OUT-${randomUUID()}`, price: '30.00', status: 'ACTIVE' } }, adminToken);
  const productId = created.data!.createProduct.product.id as string;
  expect((await stack.call(adminOp.AdjustInventory, { input: { productId, delta: 5, reason: 'count' } }, adminToken)).data!.adjustInventory.userErrors).toEqual([]);
  const [{ slug }] = await sqlOf('catalog')<{ slug: string }>('SELECT slug FROM products WHERE id = $1', [productId]);
  const buyer = await stack.registerCustomer('Outage Buyer');
  const leaver = await stack.registerCustomer('Outage Leaver');
  const cartId = (await stack.call(op.MyCart, {}, buyer.accessToken)).data!.me.cart.id as string;
  expect((await stack.call(op.CartLinesAdd, { cartId, lines: [{ productId, quantity: 2 }] }, buyer.accessToken)).data!.cartLinesAdd.userErrors).toEqual([]);
  const rate = (await stack.call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: '94105' }, buyer.accessToken)).data!.shippingRates[0];

  // cached before the outage (catalog cache and response cache)
  expect((await stack.call(op.ProductDetail, { slug })).data!.product.availableQuantity).toBe(5);
  expect((await stack.call(op.ProductDetail, { slug })).data!.product.availableQuantity).toBe(5);

  await stopRedis();

  // catalog reads: from the subgraphs (no response cache, no catalog cache)
  const list = await stack.call(op.ProductList, { first: 50 });
  expect(list.errors).toBeUndefined();
  expect(list.data!.products.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(productId);
  const detail = await stack.call(op.ProductDetail, { slug });
  expect(detail.errors).toBeUndefined();
  expect(detail.data!.product).toMatchObject({ id: productId });

  // a signed-in checkout: the token is accepted unchecked, the budget counted in memory
  const res = await stack.call(op.Checkout, { input: { cartId, shippingAddress: ADDRESS, shippingMethodId: rate.method.id, paymentToken: 'tok_visa', idempotencyKey: randomUUID() } }, buyer.accessToken);
  expect(res.errors).toBeUndefined();
  expect(res.data!.checkout.userErrors).toEqual([]);
  const order = res.data!.checkout.order;
  expect(order.status).toBe('CONFIRMED');

  // a staff token cannot be checked: refused, not trusted
  const staff = await stack.call(op.Me, {}, adminToken);
  expect(staff.status).toBe(503);
  expect(codes(staff.errors)).toEqual(['SERVICE_UNAVAILABLE']);

  // a logout during the outage is recorded in PostgreSQL; its access token still works until Redis is back
  const logout = await stack.call(op.Logout, {}, leaver.accessToken);
  expect(logout.errors).toBeUndefined();
  const [session] = await sqlOf('users')<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM sessions WHERE user_id = $1', [leaver.userId]);
  expect(session.revoked).toBe(true);
  expect(await accepted(leaver.accessToken)).toBe(true);

  const unchecked = await register.getSingleMetric('gateway_revocation_unchecked_total')!.get();
  const count = (outcome: string) => unchecked.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
  expect(count('accepted')).toBeGreaterThan(0);
  expect(count('refused')).toBeGreaterThan(0);

  // the confirmation waits in the orders outbox
  const [pending] = await sqlOf('orders')<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE name = 'order.confirmed' AND relayed_at IS NULL AND payload->>'orderId' = $1`, [order.id]);
  expect(pending.n).toBeGreaterThan(0);

  await startRedisAgain();

  // the stock the checkout took is not hidden by what was cached before the outage
  await waitFor('the catalog to show the stock after the checkout', async () => (await stack.call(op.ProductDetail, { slug })).data!.product.availableQuantity === 3, 30_000, 100);
  await waitFor('the logged-out token to be refused', async () => !(await accepted(leaver.accessToken)), 30_000, 100);
  expect(await accepted(buyer.accessToken)).toBe(true);
  const notificationId = await waitFor('the order confirmation mail', async () => {
    const [row] = await sqlOf('users')<{ id: string; status: string }>(`SELECT id, status FROM notifications WHERE user_id = $1 AND template = 'order-confirmed'`, [buyer.userId]);
    return row?.status === 'SENT' && (await mailFilesOf(row.id)).length ? row.id : null;
  }, 30_000, 100);
  await stack.drainOutboxes();
  const rows = await sqlOf('users')(`SELECT id FROM notifications WHERE user_id = $1 AND template = 'order-confirmed'`, [buyer.userId]);
  expect(rows).toHaveLength(1);
  expect(await mailFilesOf(notificationId)).toHaveLength(1);
});

it('Redis flushed: the users worker lists the recent revocations again', async () => {
  const customer = await stack.registerCustomer('Flushed');
  expect((await stack.call(op.Logout, {}, customer.accessToken)).errors).toBeUndefined();
  expect(await accepted(customer.accessToken)).toBe(false);
  const [{ id: sessionId }] = await sqlOf('users')<{ id: string }>('SELECT id FROM sessions WHERE user_id = $1', [customer.userId]);

  const client = new Redis(REDIS_URL);
  try {
    await client.flushall();
  } finally {
    client.disconnect();
  }
  const check = new Redis(REDIS_URL);
  try {
    await waitFor('the worker to mark the list complete again', async () => (await check.exists(REVOCATIONS_COMPLETE_KEY)) === 1, 30_000, 100);
    const [[, listed], [, ttl]] = (await check.pipeline().exists(revokedSessionKey(sessionId)).ttl(revokedSessionKey(sessionId)).exec())!;
    expect(listed).toBe(1);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900);
  } finally {
    check.disconnect();
  }
  expect(await accepted(customer.accessToken)).toBe(false);
});
