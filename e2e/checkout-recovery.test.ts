import { randomUUID } from 'node:crypto';
import { waitFor } from '../platform/infra/processes';
import { callerHeaders, service } from '../platform/testing/callers';
import { postGraphQL } from '../platform/testing/graphql-client';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

/**
 * Stuck checkouts: the reconcile job (every 300 ms here, for sagas idle 1 s) drives them forward
 * when the payment went through, and back when nothing was charged.
 */
let stack: Stack;
let adminToken: string;
beforeAll(async () => {
  stack = await startStack(
    {},
    { orders: { ORDERS_SAGA_DEADLINE_SECONDS: '1', ORDERS_RECONCILE_EVERY_MS: '300' }, payments: { PAYMENT_PROVIDER_TIMEOUT_MS: '500' } },
  );
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
});
afterAll(() => stack?.stop());

const ADDRESS = { street: '5 Mission St', city: 'San Francisco', postalCode: '94105', country: 'US' };
const dbOf = (name: string) => <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => stack.subgraphs[name].deps.database.dataSource.query(sql, params);

async function product(stock: number): Promise<string> {
  const sku = `REC-${randomUUID().slice(0, 8)}`;
  const res = await stack.call(adminOp.CreateProduct, { input: { name: `Recovered ${sku}`, sku, price: '12.00', status: 'ACTIVE' } }, adminToken);
  const id = res.data!.createProduct.product.id as string;
  await stack.call(adminOp.AdjustInventory, { input: { productId: id, delta: stock, reason: 'delivery' } }, adminToken);
  return id;
}

const availableOf = async (id: string): Promise<number> => (await stack.call(adminOp.ProductInventory, { id }, adminToken)).data!.product.availableQuantity;

describe('the reconcile job of stuck checkouts', () => {
  it('a payment whose answer was lost (tok_timeout): PAYMENT_UNAVAILABLE first, then the job confirms the order and the key returns it', async () => {
    const customer = await stack.registerCustomer('Tim');
    const productId = await product(3);
    const cartId = (await stack.call(op.MyCart, {}, customer.accessToken)).data!.me.cart.id as string;
    await stack.call(op.CartLinesAdd, { cartId, lines: [{ productId, quantity: 1 }] }, customer.accessToken);
    const rates = await stack.call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: '94105' });
    const input = { cartId, shippingAddress: ADDRESS, shippingMethodId: rates.data!.shippingRates[0].method.id, paymentToken: 'tok_timeout', idempotencyKey: randomUUID() };

    const first = (await stack.call(op.Checkout, { input }, customer.accessToken)).data!.checkout;
    expect(first.userErrors.map((e: { code: string }) => e.code)).toEqual(['PAYMENT_UNAVAILABLE']);
    const [saga] = await dbOf('orders')<{ orderId: string }>('SELECT order_id::text AS "orderId" FROM checkout_sagas WHERE idempotency_key = $1', [input.idempotencyKey]);

    await waitFor('the stuck checkout to complete', async () => {
      const [row] = await dbOf('orders')<{ state: string }>('SELECT state FROM checkout_sagas WHERE order_id = $1', [saga.orderId]);
      return row?.state === 'COMPLETED';
    }, 30_000, 200);
    const order = (await stack.call(op.Order, { id: saga.orderId }, customer.accessToken)).data!.order;
    expect(order).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(await availableOf(productId)).toBe(2);
    expect((await dbOf('cart')<{ status: string }>('SELECT status FROM carts WHERE id = $1', [cartId]))[0].status).toBe('CONVERTED');
    const repeat = (await stack.call(op.Checkout, { input }, customer.accessToken)).data!.checkout;
    expect(repeat).toMatchObject({ userErrors: [], order: { id: saga.orderId } });
  });

  it('a checkout that stopped after reserving the stock: the job releases it and the key answers CHECKOUT_FAILED', async () => {
    const productId = await product(4);
    const orderId = randomUUID();
    const catalog = stack.subgraphs.catalog;
    const reserved = await postGraphQL(
      catalog.url,
      'mutation ($reference: String!, $lines: [StockLineInput!]!) { reserveStock(reference: $reference, lines: $lines) { userErrors { code } } }',
      { reference: orderId, lines: [{ productId, quantity: 3 }] },
      callerHeaders(catalog.deps.config.internalSecret, 'catalog', service('orders')),
    );
    expect(reserved.data!.reserveStock.userErrors).toEqual([]);
    expect(await availableOf(productId)).toBe(1);
    const plan = { orderId, cartId: randomUUID(), userId: null, email: 'stuck@example.com', currencyCode: 'USD', discountCodes: [], lines: [] };
    await dbOf('orders')(
      `INSERT INTO checkout_sagas (id, buyer, idempotency_key, fingerprint, state, step, order_id, cart_id, plan, updated_at)
       VALUES ($1, 'guest:stuck@example.com', $2, 'x', 'RUNNING', 'STOCK_RESERVED', $3, $4, $5, now() - interval '1 minute')`,
      [randomUUID(), randomUUID(), orderId, plan.cartId, JSON.stringify(plan)],
    );
    await waitFor('the stuck checkout to be undone', async () => {
      const [row] = await dbOf('orders')<{ state: string; result: { userErrors: { code: string }[] } }>('SELECT state, result FROM checkout_sagas WHERE order_id = $1', [orderId]);
      return row?.state === 'FAILED' && row;
    }, 30_000, 200).then((row) => expect(row.result.userErrors.map((e) => e.code)).toEqual(['CHECKOUT_FAILED']));
    expect(await availableOf(productId)).toBe(4);
    expect(await dbOf('orders')('SELECT 1 FROM orders WHERE id = $1', [orderId])).toEqual([]);
  });
});
