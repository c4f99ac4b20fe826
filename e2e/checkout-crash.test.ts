import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { waitFor } from '../platform/infra/processes';
import { moneyFixtures } from './checkout-fixtures';
import { startStack, type Stack } from './harness';
import { storefront as op } from './operations';
import { subgraphProcesses, type SubgraphProcesses } from './subgraph-process';

/**
 * The orders subgraph dies (SIGKILL) in the middle of a checkout, after the card was charged and
 * before the order was confirmed. Orders runs as real child processes (server and worker) so they
 * can be killed; the kill is made exact by the test-only FAULT_INJECT=checkout.after-capture:kill
 * (platform/fault-injection.ts). After a restart without the fault, the reconcile job must finish
 * that checkout exactly once.
 */
let stack: Stack;
let adminToken: string;
let orders: SubgraphProcesses;
beforeAll(async () => {
  stack = await startStack(
    { SUBGRAPH_TIMEOUT_MS: '60000' },
    { shipping: { CART_TIMEOUT_MS: '30000' }, cart: { CART_CATALOG_TIMEOUT_MS: '30000' } },
    {},
    { orders: subgraphProcesses('orders', { FAULT_INJECT: 'checkout.after-capture:kill', ORDERS_SERVICE_TIMEOUT_MS: '60000' }) },
  );
  orders = stack.subgraphs.orders as SubgraphProcesses;
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
}, 180_000);
afterAll(() => stack?.stop());

const f = moneyFixtures(() => stack, () => adminToken);

describe('a crash of the orders subgraph between the charge and the confirmation', () => {
  it('after a restart the reconcile job confirms the order once: one capture, stock committed once, the cart converted, one order.confirmed, and the key returns the order', async () => {
    const productId = await f.product(3, '30.00');
    const b = await f.buyer('Kim', [{ productId, quantity: 2 }]);
    const serverDied = orders.exited(orders.server);

    const res = await stack.call(op.Checkout, { input: b.input }, b.customer.accessToken);
    expect(res.data?.checkout ?? null).toBeNull();
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(await serverDied).toBe('SIGKILL');
    expect(orders.output()).toContain('FAULT_INJECT: checkout.after-capture');
    // the whole orders deployment is down: its worker goes too, before its reconcile job could run
    const workerDied = orders.exited(orders.worker);
    orders.worker!.kill('SIGKILL');
    await workerDied;

    // the crash window: charged, not confirmed
    const [saga] = await f.sqlOf('orders')<{ orderId: string; state: string; step: string }>(
      'SELECT order_id::text AS "orderId", state, step FROM checkout_sagas WHERE idempotency_key = $1',
      [b.input.idempotencyKey],
    );
    expect(saga).toMatchObject({ state: 'RUNNING', step: 'PAYMENT_CAPTURED' });
    const { orderId } = saga;
    expect(await f.sqlOf('orders')('SELECT status FROM orders WHERE id = $1', [orderId])).toEqual([{ status: 'PENDING' }]);
    expect(await f.sqlOf('payments')('SELECT status FROM payments WHERE order_id = $1', [orderId])).toEqual([{ status: 'CAPTURED' }]);
    expect(await f.sqlOf('catalog')('SELECT status FROM stock_reservations WHERE reference = $1', [orderId])).toEqual([{ status: 'HELD' }]);
    expect(await f.stockOf(productId)).toEqual({ onHand: 3, reserved: 2 });

    // restart without the fault; the reconcile job looks every 300 ms for checkouts idle 1 s
    await orders.start({ FAULT_INJECT: undefined, ORDERS_SAGA_DEADLINE_SECONDS: '1', ORDERS_RECONCILE_EVERY_MS: '300' });
    await waitFor('the reconcile job to finish the checkout', async () => {
      const [row] = await f.sqlOf('orders')<{ state: string }>('SELECT state FROM checkout_sagas WHERE order_id = $1', [orderId]);
      return row?.state !== 'RUNNING' && row;
    }, 60_000, 200);

    expect(await f.sqlOf('orders')('SELECT state, step, result FROM checkout_sagas WHERE order_id = $1', [orderId])).toEqual([
      { state: 'COMPLETED', step: 'CART_CONVERTED', result: { orderId, userErrors: [] } },
    ]);
    expect(await f.sqlOf('orders')('SELECT id::text, status FROM orders WHERE cart_id = $1', [b.cartId])).toEqual([{ id: orderId, status: 'CONFIRMED' }]);
    const order = (await stack.call(op.Order, { id: orderId }, b.customer.accessToken)).data!.order;
    expect(order).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(order.statusHistory.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'CONFIRMED']);

    // charged once: one payment, one capture asked of the provider and one in its ledger
    expect(await f.sqlOf('payments')('SELECT status FROM payments WHERE order_id = $1', [orderId])).toEqual([{ status: 'CAPTURED' }]);
    const calls = await f.sqlOf('payments')(
      'SELECT operation, outcome, count(*)::int AS n FROM provider_calls WHERE payment_id IN (SELECT id FROM payments WHERE order_id = $1) GROUP BY operation, outcome ORDER BY operation',
      [orderId],
    );
    expect(calls).toEqual([{ operation: 'authorize', outcome: 'SUCCEEDED', n: 1 }, { operation: 'capture', outcome: 'SUCCEEDED', n: 1 }]);
    expect(await f.sqlOf('payments')(`SELECT count(*)::int AS n FROM simulated_provider_operations WHERE operation = 'capture' AND idempotency_key LIKE $1`, [`%order:${orderId}:%`])).toEqual([{ n: 1 }]);

    // stock committed once
    expect(await f.stockOf(productId)).toEqual({ onHand: 1, reserved: 0 });
    expect(await f.sqlOf('catalog')(`SELECT quantity FROM stock_movements WHERE reference_id = $1 AND type = 'SALE'`, [orderId])).toEqual([{ quantity: -2 }]);
    expect(await f.sqlOf('catalog')('SELECT status FROM stock_reservations WHERE reference = $1', [orderId])).toEqual([{ status: 'COMMITTED' }]);

    // the cart converted to this order
    expect(await f.sqlOf('cart')('SELECT status, order_id::text AS "orderId" FROM carts WHERE id = $1', [b.cartId])).toEqual([{ status: 'CONVERTED', orderId }]);

    // one order.confirmed (one outbox row per subscriber's queue), and one confirmation for the customer
    expect(await f.sqlOf('orders')(`SELECT queue, count(*)::int AS n FROM outbox WHERE name = 'order.confirmed' AND payload->>'orderId' = $1 GROUP BY queue ORDER BY queue`, [orderId])).toEqual([
      { queue: 'catalog', n: 1 },
      { queue: 'shipping', n: 1 },
      { queue: 'users', n: 1 },
    ]);
    const confirmations = async () => {
      await stack.drainOutboxes();
      const res = await stack.call(op.MyNotifications, { first: 20 }, b.customer.accessToken);
      return res.data!.me.notifications.edges.filter((e: { node: { template: string } }) => e.node.template === 'order-confirmed');
    };
    await waitFor('the order confirmation', async () => (await confirmations()).length > 0, 20_000, 200);
    expect(await confirmations()).toHaveLength(1);

    // the customer's retry with the same key returns that order, and charges nothing more
    const retry = (await stack.call(op.Checkout, { input: b.input }, b.customer.accessToken)).data!.checkout;
    expect(retry).toMatchObject({ userErrors: [], order: { id: orderId, status: 'CONFIRMED' } });
    expect(await f.sqlOf('payments')(`SELECT count(*)::int AS n FROM provider_calls WHERE operation = 'capture' AND payment_id IN (SELECT id FROM payments WHERE order_id = $1)`, [orderId])).toEqual([{ n: 1 }]);
  });
});
