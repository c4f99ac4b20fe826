import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { waitFor } from '../platform/infra/processes';
import { sharedStack } from './shared-stack';
import type { Customer, StackClient } from './stack-client';
import { admin as adminOp, storefront as op } from './operations';

let stack: StackClient;
let adminToken: string;
beforeAll(async () => {
  // with the demo zones: US ZIP 9xxxx has USPS Standard and UPS Express
  stack = await sharedStack();
  adminToken = await stack.adminToken();
});
afterAll(() => stack?.stop());

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;
const errorsOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
const ADDRESS = { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' };

const dbOf = (name: string) => <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => stack.sql<T>(name, sql, params);

async function product(stock: number, price = '20.00'): Promise<string> {
  const res = await stack.call(adminOp.CreateProduct, { input: { name: unique('Order product'), sku: unique('ORD-SKU'), price, status: 'ACTIVE' } }, adminToken);
  expect(res.data!.createProduct.userErrors).toEqual([]);
  const id = res.data!.createProduct.product.id as string;
  if (stock) await adjust(id, stock);
  return id;
}

async function adjust(productId: string, delta: number): Promise<void> {
  const res = await stack.call(adminOp.AdjustInventory, { input: { productId, delta, reason: 'count' } }, adminToken);
  expect(res.data!.adjustInventory.userErrors).toEqual([]);
}

async function available(productId: string): Promise<{ availableQuantity: number; reserved: number }> {
  const res = await stack.call(adminOp.ProductInventory, { id: productId }, adminToken);
  const p = res.data!.product;
  return { availableQuantity: p.availableQuantity, reserved: p.inventory.reduce((s: number, i: { reserved: number }) => s + i.reserved, 0) };
}

/** The customer's cart with these lines. */
async function cartOf(customer: Customer, lines: { productId: string; quantity: number }[]): Promise<string> {
  const mine = await stack.call(op.MyCart, {}, customer.accessToken);
  const cartId = mine.data!.me.cart.id as string;
  const added = await stack.call(op.CartLinesAdd, { cartId, lines }, customer.accessToken);
  expect(added.data!.cartLinesAdd.userErrors).toEqual([]);
  return cartId;
}

async function standardRate(cartId: string, token?: string): Promise<{ id: string; price: string }> {
  const res = await stack.call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: '94105' }, token);
  const rate = res.data!.shippingRates[0];
  return { id: rate.method.id, price: rate.price.amount };
}

const checkoutInput = (cartId: string, shippingMethodId: string, extra: Record<string, unknown> = {}) => ({
  cartId,
  shippingAddress: ADDRESS,
  shippingMethodId,
  paymentToken: 'tok_visa',
  idempotencyKey: randomUUID(),
  ...extra,
});

const checkout = async (input: Record<string, unknown>, token?: string) => {
  const res = await stack.call(op.Checkout, { input }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.checkout;
};

const cents = (amount: string) => Math.round(Number(amount) * 100);

async function orderStatus(orderId: string): Promise<string> {
  return (await dbOf('orders')<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0]?.status;
}

describe('checkout through the gateway', () => {
  it('a signed-in customer checks out with tok_visa: CONFIRMED, stock committed, cart converted, the confirmation mail written', async () => {
    const customer = await stack.registerCustomer('Olga');
    const productId = await product(5, '20.00');
    const cartId = await cartOf(customer, [{ productId, quantity: 2 }]);
    const rate = await standardRate(cartId, customer.accessToken);

    const result = await checkout(checkoutInput(cartId, rate.id), customer.accessToken);
    expect(result.userErrors).toEqual([]);
    const order = result.order;
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      email: customer.email,
      orderNumber: expect.stringMatching(/^ORD-\d{4}-\d{6}$/),
      lines: [{ quantity: 2, unitPrice: { amount: '20.00' }, lineTotal: { amount: '40.00' }, product: { id: productId } }],
      subtotal: { amount: '40.00', currencyCode: 'USD' },
      discountTotal: { amount: '0.00' },
      taxTotal: { amount: '2.90' }, // US 7.25 % of 40.00
      shippingAddress: { street: '1 Market St', postalCode: '94105', country: 'US' },
      payment: { status: 'CAPTURED', cardBrand: 'visa', cardLast4: '4242' },
    });
    expect(order.shippingTotal.amount).toBe(rate.price);
    expect(cents(order.total.amount)).toBe(4000 + cents(rate.price) + 290);
    expect(order.lines[0].sku).toMatch(/^ORD-SKU/);
    expect(order.statusHistory.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'CONFIRMED']);

    expect(await available(productId)).toEqual({ availableQuantity: 3, reserved: 0 });
    expect((await dbOf('cart')('SELECT status, order_id::text AS "orderId" FROM carts WHERE id = $1', [cartId]))[0]).toEqual({ status: 'CONVERTED', orderId: order.id });
    const sagas = await dbOf('orders')('SELECT state, step FROM checkout_sagas WHERE order_id = $1', [order.id]);
    expect(sagas).toEqual([{ state: 'COMPLETED', step: 'CART_CONVERTED' }]);

    // order.confirmed → users sends the confirmation mail (a file in the test mail folder)
    const dir = stack.mailDir;
    const mail = await waitFor('the order confirmation mail', async () => {
      await stack.drainOutboxes();
      const res = await stack.call(op.MyNotifications, { first: 10 }, customer.accessToken);
      const sent = res.data!.me.notifications.edges.find((e: { node: { template: string; status: string } }) => e.node.template === 'order-confirmed' && e.node.status === 'SENT');
      if (!sent) return null;
      const files = (await readdir(dir)).filter((f) => f.endsWith(`${sent.node.id}.json`));
      return files.length ? JSON.parse(await readFile(join(dir, files[0]), 'utf8')) : null;
    }, 20_000, 100);
    expect(mail.to).toBe(customer.email);
    expect(mail.subject).toBe(`Order ${order.orderNumber} confirmed`);
  });

  it('tok_chargeDeclined: PAYMENT_DECLINED, the order CANCELLED, the cart and the stock unchanged', async () => {
    const customer = await stack.registerCustomer('Dee');
    const productId = await product(4);
    const cartId = await cartOf(customer, [{ productId, quantity: 1 }]);
    const rate = await standardRate(cartId, customer.accessToken);

    const result = await checkout(checkoutInput(cartId, rate.id, { paymentToken: 'tok_chargeDeclined' }), customer.accessToken);
    expect(errorsOf(result)).toEqual(['PAYMENT_DECLINED']);
    expect(result.order).toBeNull();
    expect(await available(productId)).toEqual({ availableQuantity: 4, reserved: 0 });
    expect((await dbOf('cart')('SELECT status FROM carts WHERE id = $1', [cartId]))[0].status).toBe('ACTIVE');
    const mine = await stack.call(op.MyOrders, { first: 5 }, customer.accessToken);
    expect(mine.data!.me.orders.edges.map((e: { node: { status: string } }) => e.node.status)).toEqual(['CANCELLED']);
    expect(mine.data!.me.orders.edges[0].node.payment.status).toBe('FAILED');

    // the cart is still there: a good card buys it
    const again = await checkout(checkoutInput(cartId, rate.id), customer.accessToken);
    expect(again.userErrors).toEqual([]);
    expect(again.order.status).toBe('CONFIRMED');
  });

  it('not enough stock: OUT_OF_STOCK, nothing charged and no order left', async () => {
    const customer = await stack.registerCustomer('Otto');
    const productId = await product(2);
    const cartId = await cartOf(customer, [{ productId, quantity: 2 }]);
    const rate = await standardRate(cartId, customer.accessToken);
    await adjust(productId, -1);

    const result = await checkout(checkoutInput(cartId, rate.id), customer.accessToken);
    expect(errorsOf(result)).toEqual(['OUT_OF_STOCK']);
    const mine = await stack.call(op.MyOrders, { first: 5 }, customer.accessToken);
    expect(mine.data!.me.orders.totalCount).toBe(0);
    expect(await available(productId)).toEqual({ availableQuantity: 1, reserved: 0 });
    expect((await dbOf('cart')('SELECT status FROM carts WHERE id = $1', [cartId]))[0].status).toBe('ACTIVE');
  });

  it('a guest checks out with an email; without one the checkout is INVALID', async () => {
    const productId = await product(3, '15.00');
    const created = await stack.call(op.CartCreate, { input: { lines: [{ productId, quantity: 1 }] } });
    const cartId = created.data!.cartCreate.cart.id as string;
    const rate = await standardRate(cartId);
    expect(errorsOf(await checkout(checkoutInput(cartId, rate.id)))).toEqual(['INVALID']);
    const email = `${unique('guest')}@example.com`;
    const result = await checkout(checkoutInput(cartId, rate.id, { email }));
    expect(result.userErrors).toEqual([]);
    expect(result.order).toMatchObject({ status: 'CONFIRMED', email, subtotal: { amount: '15.00' } });
  });

  it('idempotency: the same key returns the same order; another cart with the key is IDEMPOTENCY_KEY_REUSED; 10 at once make one order and one charge', async () => {
    const customer = await stack.registerCustomer('Ida');
    const productId = await product(20);
    const cartId = await cartOf(customer, [{ productId, quantity: 1 }]);
    const rate = await standardRate(cartId, customer.accessToken);
    const input = checkoutInput(cartId, rate.id);
    const first = await checkout(input, customer.accessToken);
    expect(first.userErrors).toEqual([]);
    const repeat = await checkout(input, customer.accessToken);
    expect(repeat.order.id).toBe(first.order.id);

    const otherCart = await cartOf(customer, [{ productId, quantity: 1 }]);
    expect(otherCart).not.toBe(cartId);
    expect(errorsOf(await checkout({ ...input, cartId: otherCart }, customer.accessToken))).toEqual(['IDEMPOTENCY_KEY_REUSED']);

    // a declined checkout's answer is kept too
    const declinedInput = checkoutInput(otherCart, rate.id, { paymentToken: 'tok_chargeDeclined' });
    expect(errorsOf(await checkout(declinedInput, customer.accessToken))).toEqual(['PAYMENT_DECLINED']);
    expect(errorsOf(await checkout(declinedInput, customer.accessToken))).toEqual(['PAYMENT_DECLINED']);

    const concurrent = checkoutInput(otherCart, rate.id);
    const results = await Promise.all(Array.from({ length: 10 }, () => checkout(concurrent, customer.accessToken)));
    const orderIds = new Set(results.filter((r) => r.order).map((r) => r.order.id));
    expect(orderIds.size).toBe(1);
    for (const r of results) if (!r.order) expect(errorsOf(r)).toEqual(['IDEMPOTENCY_KEY_IN_USE']);
    const [orderId] = [...orderIds];
    const payments = await dbOf('payments')('SELECT status FROM payments WHERE order_id = $1', [orderId]);
    expect(payments).toEqual([{ status: 'CAPTURED' }]);
    const orders = await dbOf('orders')('SELECT id FROM orders WHERE cart_id = $1 AND status = $2', [otherCart, 'CONFIRMED']);
    expect(orders).toHaveLength(1);
  });

  it('MyOrders pages newest first; Order is null with an error for another customer; staff filter AdminOrders', async () => {
    const customer = await stack.registerCustomer('Mo');
    const productId = await product(10);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const cartId = await cartOf(customer, [{ productId, quantity: 1 }]);
      const rate = await standardRate(cartId, customer.accessToken);
      ids.push((await checkout(checkoutInput(cartId, rate.id), customer.accessToken)).order.id);
    }
    const page1 = await stack.call(op.MyOrders, { first: 1 }, customer.accessToken);
    expect(page1.data!.me.orders).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: ids[1] } }] });
    const page2 = await stack.call(op.MyOrders, { first: 1, after: page1.data!.me.orders.pageInfo.endCursor }, customer.accessToken);
    expect(page2.data!.me.orders.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);

    const own = await stack.call(op.Order, { id: ids[0] }, customer.accessToken);
    expect(own.data!.order).toMatchObject({ id: ids[0], status: 'CONFIRMED' });
    const other = await stack.registerCustomer('Eve');
    const peek = await stack.call(op.Order, { id: ids[0] }, other.accessToken);
    expect(peek.data?.order ?? null).toBeNull();
    expect(codes(peek.errors)).toEqual(['NOT_FOUND']);
    expect(codes((await stack.call(op.Order, { id: ids[0] })).errors)).toEqual(['UNAUTHENTICATED']);

    const filtered = await stack.call(adminOp.AdminOrders, { first: 10, filter: { customerEmail: customer.email.toUpperCase(), status: 'CONFIRMED' } }, adminToken);
    expect(filtered.errors).toBeUndefined();
    expect(filtered.data!.orders.totalCount).toBe(2);
    expect(filtered.data!.orders.edges[0].node).toMatchObject({ id: ids[1], email: customer.email, customer: { id: customer.userId, email: customer.email }, payment: { status: 'CAPTURED' } });
    const none = await stack.call(adminOp.AdminOrders, { first: 10, filter: { customerEmail: customer.email, createdBefore: '2000-01-01T00:00:00Z' } }, adminToken);
    expect(none.data!.orders.totalCount).toBe(0);
    expect(codes((await stack.call(adminOp.AdminOrders, { first: 10 }, customer.accessToken)).errors)).toEqual(['FORBIDDEN']);
  });

  it('CancelOrder refunds the payment and returns the stock; CreateShipment ships an order, which can then no longer be cancelled', async () => {
    const customer = await stack.registerCustomer('Cy');
    const productId = await product(6);
    const place = async () => {
      const cartId = await cartOf(customer, [{ productId, quantity: 2 }]);
      const rate = await standardRate(cartId, customer.accessToken);
      return (await checkout(checkoutInput(cartId, rate.id), customer.accessToken)).order.id as string;
    };
    const first = await place();
    expect((await available(productId)).availableQuantity).toBe(4);
    const other = await stack.registerCustomer('Mallory');
    expect(errorsOf((await stack.call(op.CancelOrder, { id: first, reason: 'mine now' }, other.accessToken)).data!.cancelOrder)).toEqual(['NOT_FOUND']);

    const cancelled = (await stack.call(op.CancelOrder, { id: first, reason: 'changed my mind' }, customer.accessToken)).data!.cancelOrder;
    expect(cancelled).toMatchObject({ userErrors: [], order: { id: first, status: 'CANCELLED', payment: { status: 'REFUNDED' } } });
    expect((await available(productId)).availableQuantity).toBe(6);
    const history = (await stack.call(op.Order, { id: first }, customer.accessToken)).data!.order.statusHistory;
    expect(history.at(-1)).toMatchObject({ status: 'CANCELLED', note: 'changed my mind' });
    expect(errorsOf((await stack.call(op.CancelOrder, { id: first }, customer.accessToken)).data!.cancelOrder)).toEqual(['ORDER_NOT_CANCELLABLE']);
    // order.cancelled → users mails the customer, naming the order by its number
    const orderNumber = (await stack.call(op.Order, { id: first }, customer.accessToken)).data!.order.orderNumber;
    await waitFor('the cancellation mail', async () => {
      await stack.drainOutboxes();
      const res = await stack.call(op.MyNotifications, { first: 20 }, customer.accessToken);
      return res.data!.me.notifications.edges.some((e: { node: { template: string; subject: string; status: string } }) => e.node.template === 'order-cancelled' && e.node.subject === `Order ${orderNumber} cancelled` && e.node.status === 'SENT');
    }, 20_000, 100);

    const second = await place();
    // shipping learns of the order from order.confirmed
    await waitFor('shipping to learn of the order', async () => {
      await stack.drainOutboxes();
      return (await dbOf('shipping')('SELECT 1 FROM order_refs WHERE order_id = $1', [second])).length > 0;
    }, 20_000, 100);
    const shipped = await stack.call(adminOp.CreateShipment, { input: { orderId: second, carrier: 'UPS' } }, adminToken);
    expect(shipped.data!.createShipment.userErrors).toEqual([]);
    await waitFor('the order to be SHIPPED', async () => {
      await stack.drainOutboxes();
      return (await orderStatus(second)) === 'SHIPPED';
    }, 20_000, 100);
    expect(errorsOf((await stack.call(op.CancelOrder, { id: second }, customer.accessToken)).data!.cancelOrder)).toEqual(['ORDER_NOT_CANCELLABLE']);

    const shipmentId = shipped.data!.createShipment.shipment.id;
    const delivered = await stack.call(adminOp.AddTrackingEvent, { input: { shipmentId, status: 'DELIVERED' } }, adminToken);
    expect(delivered.data!.addTrackingEvent.userErrors).toEqual([]);
    await waitFor('the order to be DELIVERED', async () => {
      await stack.drainOutboxes();
      return (await orderStatus(second)) === 'DELIVERED';
    }, 20_000, 100);
    const order = (await stack.call(op.Order, { id: second }, customer.accessToken)).data!.order;
    expect(order.statusHistory.map((h: { status: string }) => h.status)).toEqual(['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);
    expect(order.shipments).toMatchObject([{ id: shipmentId, status: 'DELIVERED' }]);
  });

  it('a discount code is redeemed at checkout and released when the order is cancelled', async () => {
    const customer = await stack.registerCustomer('Dina');
    const productId = await product(5, '50.00');
    const code = unique('SAVE10').toUpperCase().replace(/-/g, '');
    const created = await stack.call(adminOp.CreateDiscountCode, { input: { code, kind: 'PERCENTAGE', value: '10', usageLimit: 5 } }, adminToken);
    expect(created.data!.createDiscountCode.userErrors).toEqual([]);
    const cartId = await cartOf(customer, [{ productId, quantity: 1 }]);
    const applied = await stack.call(op.CartDiscountCodesUpdate, { cartId, codes: [code] }, customer.accessToken);
    expect(applied.data!.cartDiscountCodesUpdate.userErrors).toEqual([]);
    const rate = await standardRate(cartId, customer.accessToken);

    const result = await checkout(checkoutInput(cartId, rate.id), customer.accessToken);
    expect(result.userErrors).toEqual([]);
    expect(result.order).toMatchObject({ subtotal: { amount: '50.00' }, discountTotal: { amount: '5.00' }, taxTotal: { amount: '3.26' } }); // 7.25 % of 45.00
    expect(cents(result.order.total.amount)).toBe(5000 - 500 + cents(rate.price) + 326);
    const uses = async () => (await dbOf('cart')<{ n: number }>('SELECT usage_count AS n FROM discount_codes WHERE code = $1', [code]))[0].n;
    expect(await uses()).toBe(1);

    const cancelled = (await stack.call(op.CancelOrder, { id: result.order.id }, customer.accessToken)).data!.cancelOrder;
    expect(cancelled.userErrors).toEqual([]);
    expect(await uses()).toBe(0);
  });

  it('two customers check out the last unit at once: one order, the other OUT_OF_STOCK', async () => {
    const productId = await product(1);
    const buyers = await Promise.all([stack.registerCustomer('Ann'), stack.registerCustomer('Ben')]);
    const inputs: ReturnType<typeof checkoutInput>[] = [];
    for (const b of buyers) {
      const cartId = await cartOf(b, [{ productId, quantity: 1 }]);
      inputs.push(checkoutInput(cartId, (await standardRate(cartId, b.accessToken)).id));
    }
    const results = await Promise.all(buyers.map((b, i) => checkout(inputs[i], b.accessToken)));
    expect(results.map((r) => (r.order ? 'CONFIRMED' : errorsOf(r).join())).sort()).toEqual(['CONFIRMED', 'OUT_OF_STOCK']);
    expect(await available(productId)).toEqual({ availableQuantity: 0, reserved: 0 });
  });
});
