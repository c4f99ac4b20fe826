import { randomUUID } from 'node:crypto';
import { waitFor } from '../platform/infra/processes';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

let stack: Stack;
let adminToken: string;
beforeAll(async () => {
  stack = await startStack();
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
});
afterAll(() => stack?.stop());

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;
const errorsOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
const cents = (amount: string) => Math.round(Number(amount) * 100);
const ADDRESS = { street: '1 Market St', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' };
type Customer = Awaited<ReturnType<Stack['registerCustomer']>>;
const dbOf = (name: string) => <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => stack.subgraphs[name].deps.database.dataSource.query(sql, params);

/** The order with its returns, as the customer (or staff) reads it through the gateway. */
const ORDER_RETURNS = `query ($id: ID!) {
  order(id: $id) {
    id status
    payment { status refunds { id amount { amount } status } }
    returns { id status reason lines { orderLineId quantity refundAmount { amount } } refundAmount { amount currencyCode } refund { id status amount { amount currencyCode } } }
  }
}`;

async function product(stock: number, price: string): Promise<string> {
  const res = await stack.call(adminOp.CreateProduct, { input: { name: unique('Return product'), sku: unique('RET-SKU'), price, status: 'ACTIVE' } }, adminToken);
  const id = res.data!.createProduct.product.id as string;
  expect((await stack.call(adminOp.AdjustInventory, { input: { productId: id, delta: stock, reason: 'count' } }, adminToken)).data!.adjustInventory.userErrors).toEqual([]);
  return id;
}

const onHand = async (productId: string) => {
  const p = (await stack.call(adminOp.ProductInventory, { id: productId }, adminToken)).data!.product;
  return p.inventory.reduce((s: number, i: { onHand: number }) => s + i.onHand, 0) as number;
};

const orderStatus = async (orderId: string) => (await dbOf('orders')<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0]?.status;

/** Checks out `lines` for the customer (with `codes`), then ships and delivers the order as staff do (CreateShipment, AddTrackingEvent). */
async function deliveredOrder(customer: Customer, lines: { productId: string; quantity: number }[], discountCodes: string[] = [], deliver = true) {
  const cartId = (await stack.call(op.MyCart, {}, customer.accessToken)).data!.me.cart.id as string;
  expect((await stack.call(op.CartLinesAdd, { cartId, lines }, customer.accessToken)).data!.cartLinesAdd.userErrors).toEqual([]);
  if (discountCodes.length) expect((await stack.call(op.CartDiscountCodesUpdate, { cartId, codes: discountCodes }, customer.accessToken)).data!.cartDiscountCodesUpdate.userErrors).toEqual([]);
  const rate = (await stack.call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: '94105' }, customer.accessToken)).data!.shippingRates[0];
  const input = { cartId, shippingAddress: ADDRESS, shippingMethodId: rate.method.id, paymentToken: 'tok_visa', idempotencyKey: randomUUID() };
  const checkout = (await stack.call(op.Checkout, { input }, customer.accessToken)).data!.checkout;
  expect(checkout.userErrors).toEqual([]);
  const order = checkout.order;
  if (!deliver) return order;
  await waitFor('shipping to learn of the order', async () => {
    await stack.drainOutboxes();
    return (await dbOf('shipping')('SELECT 1 FROM order_refs WHERE order_id = $1', [order.id])).length > 0;
  }, 20_000, 100);
  const shipped = (await stack.call(adminOp.CreateShipment, { input: { orderId: order.id, carrier: 'UPS' } }, adminToken)).data!.createShipment;
  expect(shipped.userErrors).toEqual([]);
  expect((await stack.call(adminOp.AddTrackingEvent, { input: { shipmentId: shipped.shipment.id, status: 'DELIVERED' } }, adminToken)).data!.addTrackingEvent.userErrors).toEqual([]);
  await waitFor('the order to be DELIVERED', async () => {
    await stack.drainOutboxes();
    return (await orderStatus(order.id)) === 'DELIVERED';
  }, 20_000, 100);
  return order;
}

const requestReturn = async (token: string, input: Record<string, unknown>) => {
  const res = await stack.call(op.RequestReturn, { input }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.requestReturn;
};
const updateReturn = async (id: string, status: string) => {
  const res = await stack.call(adminOp.UpdateReturnStatus, { id, status }, adminToken);
  expect(res.errors).toBeUndefined();
  return res.data!.updateReturnStatus;
};

/** The customer's return mails (template return-update) once `count` of them are sent. */
async function returnMails(customer: Customer, count: number): Promise<string[]> {
  return waitFor(`${count} return mails`, async () => {
    await stack.drainOutboxes();
    const res = await stack.call(op.MyNotifications, { first: 20 }, customer.accessToken);
    const mails = res.data!.me.notifications.edges.map((e: { node: { template: string; subject: string; status: string } }) => e.node).filter((m: { template: string }) => m.template === 'return-update');
    return mails.length >= count && mails.every((m: { status: string }) => m.status === 'SENT') ? mails.map((m: { subject: string }) => m.subject) : null;
  }, 20_000, 100);
}

describe('returns through the gateway', () => {
  it('RequestReturn → APPROVED → RECEIVED (refund without shipping, less the discount share, with tax; units back in stock) → REFUNDED, with mails', async () => {
    const customer = await stack.registerCustomer('Rita');
    const [lamp, mug] = [await product(10, '40.00'), await product(10, '10.00')];
    const code = unique('RET10').toUpperCase().replace(/-/g, '');
    expect((await stack.call(adminOp.CreateDiscountCode, { input: { code, kind: 'PERCENTAGE', value: '10' } }, adminToken)).data!.createDiscountCode.userErrors).toEqual([]);
    const order = await deliveredOrder(customer, [{ productId: lamp, quantity: 1 }, { productId: mug, quantity: 2 }], [code]);
    // 40.00 + 20.00, 10 % off → 54.00; US tax 7.25 % → 3.92
    expect(order).toMatchObject({ subtotal: { amount: '60.00' }, discountTotal: { amount: '6.00' }, taxTotal: { amount: '3.92' } });
    const [lampLine, mugLine] = order.lines.map((l: { id: string }) => l.id);

    const created = await requestReturn(customer.accessToken, { orderId: order.id, reason: 'broken on arrival', lines: [{ orderLineId: lampLine, quantity: 1 }, { orderLineId: mugLine, quantity: 1 }] });
    expect(created).toEqual({
      userErrors: [],
      returnRequest: { id: expect.any(String), status: 'REQUESTED', reason: 'broken on arrival', lines: [{ orderLineId: lampLine, quantity: 1 }, { orderLineId: mugLine, quantity: 1 }] },
    });
    const returnId = created.returnRequest.id;

    const approved = await updateReturn(returnId, 'APPROVED');
    expect(approved).toEqual({ userErrors: [], returnRequest: { id: returnId, status: 'APPROVED', refund: null } });
    const before = [await onHand(lamp), await onHand(mug)];

    const received = await updateReturn(returnId, 'RECEIVED');
    // lamp: 40.00 − 4.00 + 2.61 tax (of 3.92 split 36 : 18) = 38.61; one of two mugs: 9.00 + 0.65 = 9.65 → 48.26
    expect(received).toEqual({ userErrors: [], returnRequest: { id: returnId, status: 'RECEIVED', refund: { id: expect.any(String), status: 'SUCCEEDED', amount: { amount: '48.26', currencyCode: 'USD' } } } });
    expect([await onHand(lamp), await onHand(mug)]).toEqual([before[0] + 1, before[1] + 1]);

    const view = (await stack.call(ORDER_RETURNS, { id: order.id }, customer.accessToken)).data!.order;
    expect(view.status).toBe('DELIVERED');
    expect(view.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refunds: [{ id: received.returnRequest.refund.id, amount: { amount: '48.26' }, status: 'SUCCEEDED' }] });
    expect(view.returns).toEqual([
      {
        id: returnId,
        status: 'RECEIVED',
        reason: 'broken on arrival',
        lines: [{ orderLineId: lampLine, quantity: 1, refundAmount: { amount: '38.61' } }, { orderLineId: mugLine, quantity: 1, refundAmount: { amount: '9.65' } }],
        refundAmount: { amount: '48.26', currencyCode: 'USD' },
        refund: { id: received.returnRequest.refund.id, status: 'SUCCEEDED', amount: { amount: '48.26', currencyCode: 'USD' } },
      },
    ]);
    const stranger = await stack.registerCustomer('Eve');
    const hidden = await stack.call(ORDER_RETURNS, { id: order.id }, stranger.accessToken);
    expect(hidden.data!.order).toBeNull();
    expect(codes(hidden.errors)).toContain('NOT_FOUND');
    expect((await stack.call(ORDER_RETURNS, { id: order.id }, adminToken)).data!.order.returns).toHaveLength(1);
    const mine = (await stack.call(op.OrderReturns, { id: order.id }, customer.accessToken)).data!.order;
    expect(mine.returns).toMatchObject([{ id: returnId, status: 'RECEIVED', refund: { status: 'SUCCEEDED', amount: { amount: '48.26' } } }]);
    const queue = (await stack.call(adminOp.AdminReturns, { status: 'RECEIVED', first: 50 }, adminToken)).data!.returnRequests;
    expect(queue.edges.find((e: { node: { id: string } }) => e.node.id === returnId).node).toMatchObject({ refundAmount: { amount: '48.26' }, order: { id: order.id, email: customer.email } });
    expect(codes((await stack.call(adminOp.AdminReturns, {}, customer.accessToken)).errors)).toEqual(['FORBIDDEN']);

    expect((await updateReturn(returnId, 'REFUNDED')).returnRequest.status).toBe('REFUNDED');
    const subjects = await returnMails(customer, 2);
    expect(subjects.some((s) => s.endsWith('approved'))).toBe(true);
    expect(subjects.some((s) => s.endsWith('refunded'))).toBe(true);

    // the last mug: the order is refunded in full (all but shipping) and becomes REFUNDED
    const rest = await requestReturn(customer.accessToken, { orderId: order.id, reason: 'the other one too', lines: [{ orderLineId: mugLine, quantity: 1 }] });
    expect(rest.userErrors).toEqual([]);
    await updateReturn(rest.returnRequest.id, 'APPROVED');
    const last = await updateReturn(rest.returnRequest.id, 'RECEIVED');
    expect(last.returnRequest.refund.amount.amount).toBe('9.66'); // the second mug takes the cent left
    expect(cents('48.26') + cents('9.66')).toBe(cents(order.total.amount) - cents(order.shippingTotal.amount));
    expect((await stack.call(op.Order, { id: order.id }, customer.accessToken)).data!.order.status).toBe('REFUNDED');
  });

  it('answers every error code as a userError and changes nothing', async () => {
    const customer = await stack.registerCustomer('Nell');
    const productId = await product(10, '15.00');
    const order = await deliveredOrder(customer, [{ productId, quantity: 2 }]);
    const lineId = order.lines[0].id;
    const input = (quantity: number, extra: Record<string, unknown> = {}) => ({ orderId: order.id, reason: 'wrong colour', lines: [{ orderLineId: lineId, quantity }], ...extra });

    expect(errorsOf(await requestReturn(customer.accessToken, input(0)))).toEqual(['INVALID']);
    expect(errorsOf(await requestReturn(customer.accessToken, input(1, { reason: '' })))).toEqual(['INVALID']);
    expect(errorsOf(await requestReturn(customer.accessToken, input(3)))).toEqual(['RETURN_QUANTITY_EXCEEDED']);
    expect(errorsOf(await requestReturn(customer.accessToken, input(1, { orderId: randomUUID() })))).toEqual(['NOT_FOUND']);
    expect(errorsOf(await requestReturn(customer.accessToken, input(1, { lines: [{ orderLineId: randomUUID(), quantity: 1 }] })))).toEqual(['NOT_FOUND']);
    const other = await stack.registerCustomer('Mallory');
    expect(errorsOf(await requestReturn(other.accessToken, input(1)))).toEqual(['NOT_FOUND']);
    const undelivered = await deliveredOrder(customer, [{ productId, quantity: 1 }], [], false);
    expect(errorsOf(await requestReturn(customer.accessToken, { orderId: undelivered.id, reason: 'x', lines: [{ orderLineId: undelivered.lines[0].id, quantity: 1 }] }))).toEqual(['ORDER_NOT_DELIVERED']);
    expect(await dbOf('orders')('SELECT 1 FROM return_requests WHERE order_id = ANY($1::uuid[])', [[order.id, undelivered.id]])).toEqual([]);

    const created = (await requestReturn(customer.accessToken, input(1))).returnRequest;
    expect(codes((await stack.call(adminOp.UpdateReturnStatus, { id: created.id, status: 'APPROVED' }, customer.accessToken)).errors)).toEqual(['FORBIDDEN']);
    expect(errorsOf(await updateReturn(created.id, 'RECEIVED'))).toEqual(['INVALID_RETURN_TRANSITION']);
    expect(errorsOf(await updateReturn(randomUUID(), 'APPROVED'))).toEqual(['NOT_FOUND']);
    expect((await updateReturn(created.id, 'REJECTED')).returnRequest.status).toBe('REJECTED');
    expect(errorsOf(await updateReturn(created.id, 'APPROVED'))).toEqual(['INVALID_RETURN_TRANSITION']);
    expect((await returnMails(customer, 1)).some((s) => s.endsWith('rejected'))).toBe(true);

    // catalog does not answer: the refund is made, the receipt waits (RETURN_IN_PROGRESS), a repeat finishes it
    const second = (await requestReturn(customer.accessToken, input(1))).returnRequest;
    await updateReturn(second.id, 'APPROVED');
    const orders = stack.subgraphs.orders;
    orders.useServiceUrls({ catalog: 'http://127.0.0.1:47252/graphql' });
    try {
      expect(await updateReturn(second.id, 'RECEIVED')).toMatchObject({ returnRequest: { status: 'APPROVED', refund: { status: 'SUCCEEDED' } }, userErrors: [{ code: 'RETURN_IN_PROGRESS' }] });
    } finally {
      orders.useServiceUrls({ catalog: stack.subgraphs.catalog.url });
    }
    expect(await updateReturn(second.id, 'RECEIVED')).toMatchObject({ userErrors: [], returnRequest: { status: 'RECEIVED' } });
    const view = (await stack.call(ORDER_RETURNS, { id: order.id }, customer.accessToken)).data!.order;
    expect(view.payment.refunds).toHaveLength(1);

    // the rest of the payment refunded by hand first: the return's refund is refused (REFUND_FAILED)
    const third = (await requestReturn(customer.accessToken, input(1))).returnRequest;
    await updateReturn(third.id, 'APPROVED');
    const payment = (await stack.call(op.Order, { id: order.id }, customer.accessToken)).data!.order.payment;
    const left = cents(order.total.amount) - cents(view.payment.refunds[0].amount.amount);
    const byHand = (await stack.call(adminOp.RefundPayment, { input: { paymentId: payment.id, amount: (left / 100).toFixed(2), idempotencyKey: randomUUID() } }, adminToken)).data!.refundPayment;
    expect(byHand.userErrors).toEqual([]);
    const stock = await onHand(productId);
    expect(await updateReturn(third.id, 'RECEIVED')).toMatchObject({ returnRequest: { status: 'APPROVED', refund: null }, userErrors: [{ code: 'REFUND_FAILED' }] });
    expect(await onHand(productId)).toBe(stock);
  });

  it('concurrent requests for the last units: one return; concurrent RECEIVED: one refund, one stock return', async () => {
    const customer = await stack.registerCustomer('Cora');
    const productId = await product(10, '12.00');
    const order = await deliveredOrder(customer, [{ productId, quantity: 2 }]);
    const input = { orderId: order.id, reason: 'race', lines: [{ orderLineId: order.lines[0].id, quantity: 2 }] };
    const requests = await Promise.all(Array.from({ length: 4 }, () => requestReturn(customer.accessToken, input)));
    expect(requests.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(requests.filter((r) => errorsOf(r).join() === 'RETURN_QUANTITY_EXCEEDED')).toHaveLength(3);
    const returnId = requests.find((r) => r.userErrors.length === 0)!.returnRequest.id;
    await updateReturn(returnId, 'APPROVED');
    const stock = await onHand(productId);

    const receipts = await Promise.all(Array.from({ length: 4 }, () => updateReturn(returnId, 'RECEIVED')));
    for (const r of receipts) expect(['', 'RETURN_IN_PROGRESS']).toContain(errorsOf(r).join());
    await waitFor('the return to be RECEIVED', async () => (await dbOf('orders')<{ status: string }>('SELECT status FROM return_requests WHERE id = $1', [returnId]))[0].status === 'RECEIVED', 20_000, 100);
    const view = (await stack.call(ORDER_RETURNS, { id: order.id }, customer.accessToken)).data!.order;
    expect(view.payment.refunds).toHaveLength(1);
    expect(await onHand(productId)).toBe(stock + 2);
    expect(view.status).toBe('REFUNDED');
  });
});
