import { randomUUID } from 'node:crypto';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { cents, codes, errorsOf, moneyFixtures, type Payload } from './checkout-fixtures';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

/**
 * The money path under concurrency, through the gateway on real PostgreSQL: many buyers of the
 * last unit, one idempotency key sent many times at once, a discount code with one use left, and
 * concurrent partial refunds. Each test checks the databases behind the answers (payments, stock,
 * orders, sagas), not only what the callers were told.
 */
let stack: Stack;
let adminToken: string;
beforeAll(async () => {
  // many registrations from one address in a few minutes; 50 checkouts at once on a small, shared
  // machine may take a while: generous timeouts (none of them is what these tests are about)
  stack = await startStack(
    { REGISTER_MAX_PER_IP_PER_HOUR: '100000', SUBGRAPH_TIMEOUT_MS: '60000', SUBGRAPH_BREAKER_FAILURES: '0' },
    { orders: { ORDERS_SERVICE_TIMEOUT_MS: '60000', ORDERS_IDEMPOTENCY_WAIT_MS: '60000' }, shipping: { CART_TIMEOUT_MS: '30000' }, cart: { CART_CATALOG_TIMEOUT_MS: '30000' } },
  );
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
}, 120_000);
afterAll(() => stack?.stop());

const f = moneyFixtures(() => stack, () => adminToken);

/** Runs `fn` for each item, at most `limit` at a time (setting up many buyers without flooding 2 cores). */
async function inBatches<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map((item, j) => fn(item, i + j)))));
  return out;
}

describe('checkout under concurrency', () => {
  it('50 buyers check out the last unit at once: one CONFIRMED order and one capture, 49 OUT_OF_STOCK and never charged, stock never negative, no order left PENDING', async () => {
    const productId = await f.product(1, '25.00');
    const buyers = await inBatches(Array.from({ length: 50 }, (_, i) => i), 10, (i) => f.buyer(`Buyer ${i}`, [{ productId, quantity: 1 }]));
    const userIds = buyers.map((b) => b.customer.userId);

    // sample the stock row while the checkouts run: it must never leave its bounds
    const samples: { onHand: number; reserved: number }[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) {
        samples.push(...(await f.sqlOf('catalog')<{ onHand: number; reserved: number }>('SELECT on_hand AS "onHand", reserved FROM stock_levels WHERE product_id = $1', [productId])));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const results = await Promise.all(buyers.map((b) => f.checkout(b.input, b.customer.accessToken))).finally(() => (running = false));
    await sampler;

    const confirmed = results.filter((r) => r.order);
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0].order).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(confirmed[0].userErrors).toEqual([]);
    const refused = results.filter((r) => !r.order);
    expect(refused.map((r) => errorsOf(r).join())).toEqual(Array(49).fill('OUT_OF_STOCK'));

    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) expect(s.onHand >= 0 && s.reserved >= 0 && s.reserved <= s.onHand).toBe(true);
    expect(await f.stockOf(productId)).toEqual({ onHand: 0, reserved: 0 });
    const movements = await f.sqlOf('catalog')('SELECT type, count(*)::int AS n FROM stock_movements WHERE product_id = $1 GROUP BY type ORDER BY type', [productId]);
    expect(movements).toEqual([{ type: 'ADJUSTMENT', n: 1 }, { type: 'RESERVATION', n: 1 }, { type: 'SALE', n: 1 }]);

    // payments: one payment of these buyers, captured once; nobody else was asked for money
    const payments = await f.sqlOf('payments')('SELECT order_id::text AS "orderId", status FROM payments WHERE user_id = ANY($1::uuid[])', [userIds]);
    expect(payments).toEqual([{ orderId: confirmed[0].order.id, status: 'CAPTURED' }]);
    const calls = await f.sqlOf('payments')(
      `SELECT operation, count(*)::int AS n FROM provider_calls WHERE payment_id IN (SELECT id FROM payments WHERE user_id = ANY($1::uuid[])) GROUP BY operation ORDER BY operation`,
      [userIds],
    );
    expect(calls).toEqual([{ operation: 'authorize', n: 1 }, { operation: 'capture', n: 1 }]);

    // orders: one, CONFIRMED; no order at all for the others, and no checkout left running
    const orders = await f.sqlOf('orders')('SELECT id::text, status FROM orders WHERE user_id = ANY($1::uuid[])', [userIds]);
    expect(orders).toEqual([{ id: confirmed[0].order.id, status: 'CONFIRMED' }]);
    const sagas = await f.sqlOf('orders')('SELECT state, count(*)::int AS n FROM checkout_sagas WHERE user_id = ANY($1::uuid[]) GROUP BY state ORDER BY state', [userIds]);
    expect(sagas).toEqual([{ state: 'COMPLETED', n: 1 }, { state: 'FAILED', n: 49 }]);
    const reservations = await f.sqlOf('catalog')('SELECT status, count(*)::int AS n FROM stock_reservations WHERE reference = ANY($1::text[]) GROUP BY status', [[confirmed[0].order.id]]);
    expect(reservations).toEqual([{ status: 'COMMITTED', n: 1 }]);
    // the losers' carts are as they were
    const carts = await f.sqlOf('cart')('SELECT status, count(*)::int AS n FROM carts WHERE id = ANY($1::uuid[]) GROUP BY status ORDER BY status', [buyers.map((b) => b.cartId)]);
    expect(carts).toEqual([{ status: 'ACTIVE', n: 49 }, { status: 'CONVERTED', n: 1 }]);
  }, 300_000);

  it('20 checkouts with one idempotency key at once: one order and one charge; every other answer is that order or IDEMPOTENCY_KEY_IN_USE', async () => {
    const productId = await f.product(10);
    const b = await f.buyer('Ivo', [{ productId, quantity: 2 }]);
    const results = await Promise.all(Array.from({ length: 20 }, () => f.checkout(b.input, b.customer.accessToken)));

    const orderIds = new Set(results.filter((r) => r.order).map((r) => r.order.id as string));
    expect(orderIds.size).toBe(1);
    const [orderId] = [...orderIds];
    for (const r of results) {
      if (r.order) expect(r).toMatchObject({ userErrors: [], order: { id: orderId, status: 'CONFIRMED' } });
      else expect(errorsOf(r)).toEqual(['IDEMPOTENCY_KEY_IN_USE']);
    }
    expect(await f.sqlOf('orders')('SELECT id::text FROM orders WHERE cart_id = $1', [b.cartId])).toEqual([{ id: orderId }]);
    expect(await f.sqlOf('orders')('SELECT state FROM checkout_sagas WHERE idempotency_key = $1', [b.input.idempotencyKey])).toEqual([{ state: 'COMPLETED' }]);
    const payments = await f.sqlOf('payments')('SELECT id, status FROM payments WHERE order_id = $1', [orderId]);
    expect(payments.map((p) => p.status)).toEqual(['CAPTURED']);
    const ledger = await f.sqlOf('payments')(
      `SELECT operation, count(*)::int AS n FROM simulated_provider_operations WHERE idempotency_key LIKE $1 GROUP BY operation ORDER BY operation`,
      [`%order:${orderId}:%`],
    );
    expect(ledger).toEqual([{ operation: 'authorize', n: 1 }, { operation: 'capture', n: 1 }]);
    expect(await f.stockOf(productId)).toEqual({ onHand: 8, reserved: 0 });

    // once finished, the key answers the order again
    const repeat = await f.checkout(b.input, b.customer.accessToken);
    expect(repeat).toMatchObject({ userErrors: [], order: { id: orderId } });
  });

  it('one cart checked out 5 times at once with 5 different keys (two tabs, a client that makes a new key per click): one order and one charge, the others CART_NOT_ACTIVE', async () => {
    const productId = await f.product(10);
    const b = await f.buyer('Tabs', [{ productId, quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 5 }, () => f.checkout({ ...b.input, idempotencyKey: randomUUID() }, b.customer.accessToken)));
    const confirmed = results.filter((r) => r.order);
    expect(confirmed).toHaveLength(1);
    expect(results.filter((r) => !r.order).map((r) => errorsOf(r).join())).toEqual(Array(4).fill('CART_NOT_ACTIVE'));
    expect(await f.sqlOf('payments')('SELECT status FROM payments WHERE user_id = $1', [b.customer.userId])).toEqual([{ status: 'CAPTURED' }]);
    expect(await f.sqlOf('orders')('SELECT id::text FROM orders WHERE cart_id = $1', [b.cartId])).toEqual([{ id: confirmed[0].order.id }]);
    expect(await f.stockOf(productId)).toEqual({ onHand: 9, reserved: 0 });
  });

  it('a discount code with a usage limit of 1 in two concurrent checkouts: used once; the other checkout gets DISCOUNT_CODE_INVALID and is not charged', async () => {
    const productId = await f.product(5, '50.00');
    const code = `ONCE${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await stack.call(adminOp.CreateDiscountCode, { input: { code, kind: 'FIXED_AMOUNT', value: '5.00', usageLimit: 1 } }, adminToken);
    expect(created.data!.createDiscountCode.userErrors).toEqual([]);
    const buyers = await Promise.all(['Una', 'Dua'].map((name) => f.buyer(name, [{ productId, quantity: 1 }])));
    for (const b of buyers) {
      const applied = await stack.call(op.CartDiscountCodesUpdate, { cartId: b.cartId, codes: [code] }, b.customer.accessToken);
      expect(applied.data!.cartDiscountCodesUpdate.userErrors).toEqual([]);
      expect(applied.data!.cartDiscountCodesUpdate.cart.discountTotal.amount).toBe('5.00');
    }

    const results = await Promise.all(buyers.map((b) => f.checkout(b.input, b.customer.accessToken)));
    const winner = results.findIndex((r) => r.order);
    expect(winner).toBeGreaterThanOrEqual(0);
    const loser = 1 - winner;
    expect(results[winner]).toMatchObject({ userErrors: [], order: { status: 'CONFIRMED', discountTotal: { amount: '5.00' } } });
    expect(results[loser].order).toBeNull();
    expect(errorsOf(results[loser])).toEqual(['DISCOUNT_CODE_INVALID']);

    expect(await f.sqlOf('cart')('SELECT usage_count AS n FROM discount_codes WHERE code = $1', [code])).toEqual([{ n: 1 }]);
    const redemptions = await f.sqlOf('cart')(
      'SELECT r.reference, r.released_at IS NULL AS live FROM discount_redemptions r JOIN discount_codes d ON d.id = r.discount_code_id WHERE d.code = $1',
      [code],
    );
    expect(redemptions).toEqual([{ reference: results[winner].order.id, live: true }]);
    const loserId = buyers[loser].customer.userId;
    expect(await f.sqlOf('payments')('SELECT id FROM payments WHERE user_id = $1', [loserId])).toEqual([]);
    expect(await f.sqlOf('orders')('SELECT id FROM orders WHERE user_id = $1', [loserId])).toEqual([]);
    expect((await f.sqlOf('cart')('SELECT status FROM carts WHERE id = $1', [buyers[loser].cartId]))[0].status).toBe('ACTIVE');
    // the loser's reservation was given back: only the winner's unit left the shelf
    expect(await f.stockOf(productId)).toEqual({ onHand: 4, reserved: 0 });
  });

  it('5 cancels of one order at once, with partial refunds racing them: CANCELLED once, the stock back once, refunds adding up to the capture exactly', async () => {
    const paid = await f.paidOrder('Cato', '30.00');
    const captured = cents(paid.total);
    const [cancels, refunds] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => stack.call(op.CancelOrder, { id: paid.order.id, reason: 'changed my mind' }, paid.customer.accessToken))),
      Promise.all(Array.from({ length: 3 }, () => stack.call(adminOp.RefundPayment, { input: { paymentId: paid.paymentId, amount: '5.00', idempotencyKey: randomUUID() } }, adminToken))),
    ]);
    const answers = cancels.map((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.cancelOrder as Payload;
    });
    expect(answers.filter((a) => a.userErrors.length === 0)).toHaveLength(1);
    expect(answers.filter((a) => a.userErrors.length).map((a) => errorsOf(a).join())).toEqual(Array(4).fill('ORDER_NOT_CANCELLABLE'));
    for (const r of refunds) expect(r.errors).toBeUndefined();

    expect(await f.sqlOf('orders')('SELECT status, count(*)::int AS n FROM order_status_history WHERE order_id = $1 GROUP BY status ORDER BY status', [paid.order.id])).toEqual([
      { status: 'CANCELLED', n: 1 },
      { status: 'CONFIRMED', n: 1 },
      { status: 'PENDING', n: 1 },
    ]);
    const [payment] = await f.sqlOf('payments')<{ status: string; refunded: number; total: number }>(
      `SELECT status, refunded_cents::int AS refunded, (SELECT coalesce(sum(amount_cents), 0)::int FROM refunds WHERE payment_id = p.id AND status = 'SUCCEEDED') AS total FROM payments p WHERE id = $1`,
      [paid.paymentId],
    );
    expect(payment).toEqual({ status: 'REFUNDED', refunded: captured, total: captured });
    expect(await f.stockOf(paid.productId)).toEqual({ onHand: 5, reserved: 0 });
    expect(await f.sqlOf('catalog')(`SELECT type, count(*)::int AS n FROM stock_movements WHERE reference_id = $1 GROUP BY type ORDER BY type`, [paid.order.id])).toEqual([
      { type: 'RESERVATION', n: 1 },
      { type: 'RETURN', n: 1 },
      { type: 'SALE', n: 1 },
    ]);
  });

  it('concurrent partial refunds through the gateway never exceed the captured amount: the rest get REFUND_EXCEEDS_CAPTURED', async () => {
    const paid = await f.paidOrder('Rhea', '40.00');
    const captured = cents(paid.total);
    const refund = (amount: string, as: { token?: string } = { token: adminToken }) =>
      stack.call(adminOp.RefundPayment, { input: { paymentId: paid.paymentId, amount, reason: 'damaged in transit', idempotencyKey: randomUUID() } }, as.token);

    // staff only, and nothing changes for anyone else
    expect(codes((await refund('1.00', { token: paid.customer.accessToken })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await refund('1.00', {})).errors)).toEqual(['UNAUTHENTICATED']);

    const results = await Promise.all(Array.from({ length: 12 }, () => refund('10.00')));
    const payloads = results.map((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.refundPayment as Payload;
    });
    const succeeded = payloads.filter((p) => p.refund?.status === 'SUCCEEDED');
    const fits = Math.floor(captured / 1000);
    expect(succeeded).toHaveLength(fits);
    expect(payloads.filter((p) => !p.refund).map((p) => errorsOf(p).join())).toEqual(Array(12 - fits).fill('REFUND_EXCEEDS_CAPTURED'));
    const row = async () =>
      (await f.sqlOf('payments')<{ captured: number; refunded: number; status: string; total: number }>(
        `SELECT captured_cents::int AS captured, refunded_cents::int AS refunded, status,
                (SELECT coalesce(sum(amount_cents), 0)::int FROM refunds WHERE payment_id = p.id AND status <> 'FAILED') AS total
           FROM payments p WHERE id = $1`,
        [paid.paymentId],
      ))[0];
    expect(await row()).toEqual({ captured, refunded: fits * 1000, status: 'PARTIALLY_REFUNDED', total: fits * 1000 });

    // the rest, exactly, and then nothing more
    const rest = ((captured - fits * 1000) / 100).toFixed(2);
    const last = (await refund(rest)).data!.refundPayment;
    expect(last).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED', amount: { amount: rest } }, payment: { id: paid.paymentId, status: 'REFUNDED' } });
    expect(errorsOf((await refund('0.01')).data!.refundPayment)).toEqual(['REFUND_EXCEEDS_CAPTURED']);
    expect(await row()).toEqual({ captured, refunded: captured, status: 'REFUNDED', total: captured });
    const provider = await f.sqlOf('payments')(
      `SELECT count(*)::int AS n FROM simulated_provider_operations WHERE operation = 'refund' AND target_reference = (SELECT provider_reference FROM payments WHERE id = $1)`,
      [paid.paymentId],
    );
    expect(provider).toEqual([{ n: fits + 1 }]);
  });
});
