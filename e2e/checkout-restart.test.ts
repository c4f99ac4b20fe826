import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgresCluster, type PostgresCluster } from '../platform/infra/postgres-cluster';
import { waitFor } from '../platform/infra/processes';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';
import { TEST_INFRA } from '../platform/testing/test-infra';

/**
 * A primary restart in the middle of a checkout. The orders, payments and catalog databases live
 * on a PostgreSQL primary of this file's own (the other subgraphs on the shared test cluster);
 * it is restarted (`pg_ctl restart -m fast`) while the card payment is being taken. The client
 * repeats the checkout with the same idempotency key until it has an answer: one order, one
 * charge, and the processes' pools work on without a restart.
 */
const primaryPort = TEST_INFRA.extraPort + 7;
const ON_OWN_CLUSTER = ['orders', 'payments', 'catalog'];
let dir: string;
let cluster: PostgresCluster;
let stack: Stack;
let adminToken: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'checkout-restart-'));
  chmodSync(dir, 0o755); // the server may run as another account
  cluster = await startPostgresCluster({ dataDir: dir, primaryPort, replicaPort: primaryPort + 1, replicas: 0, unsafeFast: true });
  await cluster.createDatabases(ON_OWN_CLUSTER);
  const own = (name: string) => ({ [`${name.toUpperCase()}_DATABASE_URL`]: cluster.primaryUrl(name), [`${name.toUpperCase()}_DATABASE_REPLICA_URLS`]: '' });
  stack = await startStack(
    {},
    {
      orders: { ...own('orders'), ORDERS_SAGA_DEADLINE_SECONDS: '2', ORDERS_RECONCILE_EVERY_MS: '300' },
      // each provider call takes a while: the restart happens while the payment is being taken
      payments: { ...own('payments'), PAYMENT_PROVIDER_LATENCY_MS: '700' },
      catalog: own('catalog'),
    },
  );
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await cluster?.stop(true);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ADDRESS = { street: '5 Mission St', city: 'San Francisco', postalCode: '94105', country: 'US' };
const dbOf = (name: string) => <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => stack.subgraphs[name].deps.database.dataSource.query(sql, params);

test('a checkout repeated with its idempotency key after a primary restart yields one order and one charge', async () => {
  const sku = `RST-${randomUUID().slice(0, 8)}`;
  const created = await stack.call(adminOp.CreateProduct, { input: { name: `Restart ${sku}`, sku, price: '12.00', status: 'ACTIVE' } }, adminToken);
  const productId = created.data!.createProduct.product.id as string;
  await stack.call(adminOp.AdjustInventory, { input: { productId, delta: 5, reason: 'delivery' } }, adminToken);
  const customer = await stack.registerCustomer('Rita');
  const cartId = (await stack.call(op.MyCart, {}, customer.accessToken)).data!.me.cart.id as string;
  await stack.call(op.CartLinesAdd, { cartId, lines: [{ productId, quantity: 2 }] }, customer.accessToken);
  const rates = await stack.call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: '94105' });
  const input = { cartId, shippingAddress: ADDRESS, shippingMethodId: rates.data!.shippingRates[0].method.id, paymentToken: 'tok_visa', idempotencyKey: randomUUID() };

  const first = stack.call(op.Checkout, { input }, customer.accessToken);
  // the order exists and the payment is being taken: restart the primary under it
  await waitFor('the checkout to create its order', async () => {
    const [saga] = await dbOf('orders')<{ step: string }>('SELECT step FROM checkout_sagas WHERE idempotency_key = $1', [input.idempotencyKey]);
    return saga?.step === 'ORDER_CREATED';
  }, 30_000, 20);
  await cluster.restartPrimary();
  // whatever the first answer was (an error, or the order), the client repeats the same request
  const answers = [await first];
  const orderId = await waitFor('a repeat of the checkout to answer with the order', async () => {
    const repeat = await stack.call(op.Checkout, { input }, customer.accessToken);
    answers.push(repeat);
    const payload = repeat.data?.checkout;
    return payload && !payload.userErrors.length && (payload.order.id as string);
  }, 60_000, 300);

  const orders = await dbOf('orders')<{ id: string; status: string }>('SELECT id::text, status FROM orders WHERE user_id = $1', [customer.userId]);
  expect(orders).toEqual([{ id: orderId, status: 'CONFIRMED' }]);
  const payments = await dbOf('payments')<{ status: string }>('SELECT status FROM payments WHERE order_id = $1', [orderId]);
  expect(payments).toEqual([{ status: 'CAPTURED' }]);
  const captures = await dbOf('payments')<{ n: number }>(
    `SELECT count(*)::int AS n FROM simulated_provider_operations WHERE operation = 'capture' AND target_reference IN (SELECT provider_reference FROM payments WHERE order_id = $1)`,
    [orderId],
  );
  expect(captures).toEqual([{ n: 1 }]);
  const stock = (await stack.call(adminOp.ProductInventory, { id: productId }, adminToken)).data!.product.availableQuantity;
  expect(stock).toBe(3);
  // every answer after the first names the same order, or asks to repeat while the first still ran
  for (const answer of answers.slice(1)) {
    const payload = answer.data?.checkout;
    if (payload?.order) expect(payload.order.id).toBe(orderId);
    else expect(payload?.userErrors.map((e: { code: string }) => e.code)).toEqual(['IDEMPOTENCY_KEY_IN_USE']);
  }
}, 180_000);
