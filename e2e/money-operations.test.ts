import { randomUUID } from 'node:crypto';
import { waitFor } from '../platform/infra/processes';
import { seedShipping } from '../subgraphs/shipping/src/seed/seed-shipping';
import { cents, codes, errorsOf, moneyFixtures } from './checkout-fixtures';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

/**
 * The contract's money operations end to end, for what e2e/checkout.test.ts does not already
 * cover: every checkout refusal leaves nothing charged; staff read and cancel any order; a cancel
 * after a partial refund gives back only the rest; RefundPayment's error codes; CreateShipment and
 * AddTrackingEvent move the order (the documents as the contract writes them, `order { status }`
 * included).
 */
let stack: Stack;
let adminToken: string;
beforeAll(async () => {
  // generous timeouts: a loaded machine is not what these tests are about (the unreachable-shipping test's call is refused at once)
  stack = await startStack(
    { REGISTER_MAX_PER_IP_PER_HOUR: '100000', SUBGRAPH_TIMEOUT_MS: '60000', SUBGRAPH_BREAKER_FAILURES: '0' },
    { orders: { ORDERS_SERVICE_TIMEOUT_MS: '60000' }, shipping: { CART_TIMEOUT_MS: '30000', SHIPPING_ORDERS_TIMEOUT_MS: '30000' }, cart: { CART_CATALOG_TIMEOUT_MS: '30000' } },
  );
  adminToken = await stack.adminToken();
  await seedShipping(stack.subgraphs.shipping.deps.database.dataSource);
}, 120_000);
afterAll(() => stack?.stop());

const f = moneyFixtures(() => stack, () => adminToken);

/** Nothing of `userId` reached payments, and stock of `productId` is as it was (nothing held). */
async function nothingCharged(userId: string, productId: string, onHand: number) {
  expect(await f.sqlOf('payments')('SELECT status FROM payments WHERE user_id = $1 AND status <> $2', [userId, 'FAILED'])).toEqual([]);
  expect(await f.stockOf(productId)).toEqual({ onHand, reserved: 0 });
}

const orderStatus = async (orderId: string) => (await f.sqlOf('orders')<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId]))[0]?.status;

describe('Checkout: every refusal of the contract, nothing charged', () => {
  it('tok_insufficientFunds: PAYMENT_DECLINED, the order CANCELLED with a FAILED payment, the stock released and the cart kept; tok_mastercard then buys it', async () => {
    const productId = await f.product(3, '12.00');
    const b = await f.buyer('Ines', [{ productId, quantity: 1 }], { paymentToken: 'tok_insufficientFunds' });
    const declined = await f.checkout(b.input, b.customer.accessToken);
    expect(declined).toMatchObject({ order: null, userErrors: [{ code: 'PAYMENT_DECLINED', field: 'input.paymentToken' }] });
    await nothingCharged(b.customer.userId, productId, 3);
    const mine = (await stack.call(op.MyOrders, { first: 5 }, b.customer.accessToken)).data!.me.orders;
    expect(mine.edges.map((e: { node: { status: string; payment: { status: string } } }) => [e.node.status, e.node.payment.status])).toEqual([['CANCELLED', 'FAILED']]);
    expect((await f.sqlOf('catalog')('SELECT status FROM stock_reservations WHERE reference = $1', [mine.edges[0].node.id]))).toEqual([{ status: 'RELEASED' }]);
    expect((await f.sqlOf('cart')('SELECT status FROM carts WHERE id = $1', [b.cartId]))[0].status).toBe('ACTIVE');

    const paid = await f.checkout({ ...b.input, paymentToken: 'tok_mastercard', idempotencyKey: randomUUID() }, b.customer.accessToken);
    expect(paid).toMatchObject({ userErrors: [], order: { status: 'CONFIRMED', payment: { status: 'CAPTURED', cardBrand: 'mastercard', cardLast4: '4444' } } });
    expect(await f.stockOf(productId)).toEqual({ onHand: 2, reserved: 0 });
  });

  it('an unknown token is INVALID; an unknown or foreign cart and an unknown saved address NOT_FOUND; an unknown method SHIPPING_METHOD_UNAVAILABLE; nothing charged', async () => {
    const productId = await f.product(2);
    const b = await f.buyer('Nora', [{ productId, quantity: 1 }]);
    const other = await f.buyer('Otis', [{ productId, quantity: 1 }]);
    const attempt = (extra: Record<string, unknown>, token = b.customer.accessToken) => f.checkout({ ...b.input, idempotencyKey: randomUUID(), ...extra }, token);

    expect(errorsOf(await attempt({ paymentToken: 'tok_nonsense' }))).toEqual(['INVALID']);
    expect(errorsOf(await attempt({ cartId: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorsOf(await attempt({ cartId: other.cartId }))).toEqual(['NOT_FOUND']);
    expect(errorsOf(await attempt({ shippingAddress: null, shippingAddressId: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorsOf(await attempt({ shippingMethodId: randomUUID() }))).toEqual(['SHIPPING_METHOD_UNAVAILABLE']);
    await nothingCharged(b.customer.userId, productId, 2);
    expect(await f.sqlOf('orders')(`SELECT status FROM orders WHERE user_id = $1 AND status <> 'CANCELLED'`, [b.customer.userId])).toEqual([]);
    // the other customer's cart is untouched and still theirs
    expect((await f.checkout(other.input, other.customer.accessToken)).order.status).toBe('CONFIRMED');
  });

  it('an empty cart is CART_EMPTY, a product taken off sale PRODUCT_UNAVAILABLE, a converted cart CART_NOT_ACTIVE', async () => {
    const productId = await f.product(4);
    const b = await f.buyer('Pia', [{ productId, quantity: 1 }]);
    const lineIds = (await stack.call(op.MyCart, {}, b.customer.accessToken)).data!.me.cart.lines.map((l: { id: string }) => l.id);
    await stack.call(op.CartLinesRemove, { cartId: b.cartId, lineIds }, b.customer.accessToken);
    expect(errorsOf(await f.checkout(b.input, b.customer.accessToken))).toEqual(['CART_EMPTY']);

    await stack.call(op.CartLinesAdd, { cartId: b.cartId, lines: [{ productId, quantity: 1 }] }, b.customer.accessToken);
    const off = await stack.call(adminOp.UpdateProduct, { id: productId, input: { status: 'INACTIVE' } }, adminToken);
    expect(off.data!.updateProduct.userErrors).toEqual([]);
    expect(errorsOf(await f.checkout({ ...b.input, idempotencyKey: randomUUID() }, b.customer.accessToken))).toEqual(['PRODUCT_UNAVAILABLE']);
    await nothingCharged(b.customer.userId, productId, 4);

    await stack.call(adminOp.UpdateProduct, { id: productId, input: { status: 'ACTIVE' } }, adminToken);
    const bought = await f.checkout({ ...b.input, idempotencyKey: randomUUID() }, b.customer.accessToken);
    expect(bought.order.status).toBe('CONFIRMED');
    expect(errorsOf(await f.checkout({ ...b.input, idempotencyKey: randomUUID() }, b.customer.accessToken))).toEqual(['CART_NOT_ACTIVE']);
    expect(await f.sqlOf('payments')('SELECT count(*)::int AS n FROM payments WHERE user_id = $1', [b.customer.userId])).toEqual([{ n: 1 }]);
  });
});

describe('Checkout when a subgraph does not answer before anything was done', () => {
  it('shipping unreachable while the checkout validates: an error, no saga left behind, and the same key (or another) checks out at once when it is back', async () => {
    const productId = await f.product(2);
    const b = await f.buyer('Zed', [{ productId, quantity: 1 }]);
    const orders = stack.subgraphs.orders;
    orders.useServiceUrls({ shipping: 'http://127.0.0.1:9/graphql' });
    try {
      const res = await stack.call(op.Checkout, { input: b.input }, b.customer.accessToken);
      expect(res.data?.checkout ?? null).toBeNull();
      expect(res.errors?.length).toBeGreaterThan(0);
    } finally {
      orders.useServiceUrls({ shipping: stack.subgraphs.shipping.url });
    }
    expect(await f.sqlOf('orders')('SELECT state FROM checkout_sagas WHERE cart_id = $1', [b.cartId])).toEqual([]);
    await nothingCharged(b.customer.userId, productId, 2);
    const again = await f.checkout(b.input, b.customer.accessToken);
    expect(again).toMatchObject({ userErrors: [], order: { status: 'CONFIRMED' } });
  });
});

describe('Order, MyOrders, AdminOrders and CancelOrder', () => {
  it('staff read any order; a guest gets UNAUTHENTICATED for Order and AdminOrders, a customer FORBIDDEN for AdminOrders; the filters page', async () => {
    const paid = await f.paidOrder('Quin');
    const asStaff = await stack.call(op.Order, { id: paid.order.id }, adminToken);
    expect(asStaff.errors).toBeUndefined();
    expect(asStaff.data!.order).toMatchObject({ id: paid.order.id, email: paid.customer.email, status: 'CONFIRMED' });
    expect(codes((await stack.call(adminOp.AdminOrders, { first: 5 })).errors)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await stack.call(adminOp.AdminOrders, { first: 5 }, paid.customer.accessToken)).errors)).toEqual(['FORBIDDEN']);

    const second = await f.checkout(f.checkoutInput(await f.cartOf(paid.customer, [{ productId: paid.productId, quantity: 1 }]), paid.rate.id), paid.customer.accessToken);
    const filter = { customerEmail: paid.customer.email };
    const page1 = (await stack.call(adminOp.AdminOrders, { first: 1, filter }, adminToken)).data!.orders;
    expect(page1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { id: second.order.id } }] });
    const page2 = (await stack.call(adminOp.AdminOrders, { first: 1, after: page1.pageInfo.endCursor, filter }, adminToken)).data!.orders;
    expect(page2).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: paid.order.id, payment: { status: 'CAPTURED' }, shipments: [] } }] });
    const later = (await stack.call(adminOp.AdminOrders, { first: 5, filter: { ...filter, createdAfter: new Date(Date.now() + 3_600_000).toISOString() } }, adminToken)).data!.orders;
    expect(later.totalCount).toBe(0);
    const cancelled = (await stack.call(adminOp.AdminOrders, { first: 5, filter: { ...filter, status: 'CANCELLED' } }, adminToken)).data!.orders;
    expect(cancelled.totalCount).toBe(0);
  });

  it('staff cancel a customer’s order: refunded, the stock back, listed as CANCELLED; a guest gets UNAUTHENTICATED and a malformed id NOT_FOUND', async () => {
    const paid = await f.paidOrder('Rui');
    expect(codes((await stack.call(op.CancelOrder, { id: paid.order.id })).errors)).toEqual(['UNAUTHENTICATED']);
    expect(errorsOf((await stack.call(op.CancelOrder, { id: 'not-an-id' }, paid.customer.accessToken)).data!.cancelOrder)).toEqual(['NOT_FOUND']);
    expect(await orderStatus(paid.order.id)).toBe('CONFIRMED');

    const res = (await stack.call(op.CancelOrder, { id: paid.order.id, reason: 'fraud check' }, adminToken)).data!.cancelOrder;
    expect(res).toMatchObject({ userErrors: [], order: { id: paid.order.id, status: 'CANCELLED', payment: { status: 'REFUNDED' } } });
    expect(await f.stockOf(paid.productId)).toEqual({ onHand: 5, reserved: 0 });
    const listed = (await stack.call(adminOp.AdminOrders, { first: 5, filter: { customerEmail: paid.customer.email, status: 'CANCELLED' } }, adminToken)).data!.orders;
    expect(listed.edges.map((e: { node: { id: string; payment: { status: string } } }) => [e.node.id, e.node.payment.status])).toEqual([[paid.order.id, 'REFUNDED']]);
  });

  it('a cancel after a partial refund gives back only the rest: the refunds add up to the capture, never more', async () => {
    const paid = await f.paidOrder('Sol', '30.00');
    const captured = cents(paid.total);
    const part = await stack.call(adminOp.RefundPayment, { input: { paymentId: paid.paymentId, amount: '10.00', idempotencyKey: randomUUID() } }, adminToken);
    expect(part.data!.refundPayment).toMatchObject({ userErrors: [], payment: { status: 'PARTIALLY_REFUNDED' } });

    const res = (await stack.call(op.CancelOrder, { id: paid.order.id }, paid.customer.accessToken)).data!.cancelOrder;
    expect(res).toMatchObject({ userErrors: [], order: { status: 'CANCELLED', payment: { status: 'REFUNDED' } } });
    const refunds = (await stack.call(op.Order, { id: paid.order.id }, paid.customer.accessToken)).data!.order.payment.refunds;
    expect(refunds.map((r: { amount: { amount: string }; status: string }) => [r.amount.amount, r.status])).toEqual([
      ['10.00', 'SUCCEEDED'],
      [((captured - 1000) / 100).toFixed(2), 'SUCCEEDED'],
    ]);
    expect(await f.sqlOf('payments')('SELECT refunded_cents::int AS n FROM payments WHERE id = $1', [paid.paymentId])).toEqual([{ n: captured }]);
    expect(errorsOf((await stack.call(adminOp.RefundPayment, { input: { paymentId: paid.paymentId, amount: '0.01', idempotencyKey: randomUUID() } }, adminToken)).data!.refundPayment)).toEqual(['REFUND_EXCEEDS_CAPTURED']);
  });
});

describe('RefundPayment', () => {
  it('NOT_FOUND for an unknown payment, PAYMENT_NOT_CAPTURED for a declined one, INVALID for a long reason, IDEMPOTENCY_KEY_REUSED for a key of another amount; a repeated key returns the first refund', async () => {
    const refund = (input: Record<string, unknown>) => stack.call(adminOp.RefundPayment, { input: { amount: '1.00', idempotencyKey: randomUUID(), ...input } }, adminToken);
    expect(errorsOf((await refund({ paymentId: randomUUID() })).data!.refundPayment)).toEqual(['NOT_FOUND']);

    const productId = await f.product(2);
    const declined = await f.buyer('Tao', [{ productId, quantity: 1 }], { paymentToken: 'tok_chargeDeclined' });
    expect(errorsOf(await f.checkout(declined.input, declined.customer.accessToken))).toEqual(['PAYMENT_DECLINED']);
    const failedPayment = (await stack.call(op.MyOrders, { first: 1 }, declined.customer.accessToken)).data!.me.orders.edges[0].node.payment;
    expect(failedPayment.status).toBe('FAILED');
    expect(errorsOf((await refund({ paymentId: failedPayment.id })).data!.refundPayment)).toEqual(['PAYMENT_NOT_CAPTURED']);

    const paid = await f.paidOrder('Uma');
    expect((await refund({ paymentId: paid.paymentId, reason: 'x'.repeat(501) })).data!.refundPayment).toMatchObject({ refund: null, userErrors: [{ code: 'INVALID', field: 'input.reason' }] });
    const key = randomUUID();
    const first = (await refund({ paymentId: paid.paymentId, amount: '5.00', idempotencyKey: key })).data!.refundPayment;
    expect(first).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED', amount: { amount: '5.00' } }, payment: { status: 'PARTIALLY_REFUNDED' } });
    const again = (await refund({ paymentId: paid.paymentId, amount: '5.00', idempotencyKey: key })).data!.refundPayment;
    expect(again.refund.id).toBe(first.refund.id);
    expect(errorsOf((await refund({ paymentId: paid.paymentId, amount: '6.00', idempotencyKey: key })).data!.refundPayment)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await f.sqlOf('payments')('SELECT refunded_cents::int AS n FROM payments WHERE id = $1', [paid.paymentId])).toEqual([{ n: 500 }]);
  });
});

describe('CreateShipment and AddTrackingEvent set the order status', () => {
  const shipmentsOf = async (orderId: string) => {
    await stack.drainOutboxes();
    return (await f.sqlOf('shipping')('SELECT 1 FROM order_refs WHERE order_id = $1', [orderId])).length > 0;
  };

  it('the contract documents: the order SHIPPED, then DELIVERED; a cancelled order is ORDER_NOT_SHIPPABLE, an unknown one NOT_FOUND, a used tracking number TRACKING_NUMBER_TAKEN', async () => {
    const paid = await f.paidOrder('Vic');
    await waitFor('shipping to learn of the order', () => shipmentsOf(paid.order.id), 20_000, 100);
    expect(errorsOf((await stack.call(adminOp.CreateShipment, { input: { orderId: randomUUID(), carrier: 'UPS' } }, adminToken)).data!.createShipment)).toEqual(['NOT_FOUND']);

    const trackingNumber = `TRK-${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await stack.call(adminOp.CreateShipment, { input: { orderId: paid.order.id, carrier: 'UPS', trackingNumber } }, adminToken);
    expect(created.errors).toBeUndefined();
    const shipment = created.data!.createShipment.shipment;
    expect(shipment).toMatchObject({ carrier: 'UPS', trackingNumber, status: 'LABEL_CREATED', order: { id: paid.order.id, status: 'SHIPPED' } });
    expect(await orderStatus(paid.order.id)).toBe('SHIPPED');

    const other = await f.paidOrder('Wes');
    await waitFor('shipping to learn of the other order', () => shipmentsOf(other.order.id), 20_000, 100);
    expect(errorsOf((await stack.call(adminOp.CreateShipment, { input: { orderId: other.order.id, carrier: 'UPS', trackingNumber } }, adminToken)).data!.createShipment)).toEqual(['TRACKING_NUMBER_TAKEN']);
    expect((await stack.call(op.CancelOrder, { id: other.order.id }, other.customer.accessToken)).data!.cancelOrder.userErrors).toEqual([]);
    await waitFor('shipping to learn of the cancellation', async () => {
      await stack.drainOutboxes();
      return (await f.sqlOf('shipping')<{ status: string }>('SELECT status FROM order_refs WHERE order_id = $1', [other.order.id]))[0]?.status === 'CANCELLED';
    }, 20_000, 100);
    expect(errorsOf((await stack.call(adminOp.CreateShipment, { input: { orderId: other.order.id, carrier: 'UPS' } }, adminToken)).data!.createShipment)).toEqual(['ORDER_NOT_SHIPPABLE']);

    const delivered = await stack.call(adminOp.AddTrackingEvent, { input: { shipmentId: shipment.id, status: 'DELIVERED', location: 'San Francisco, CA' } }, adminToken);
    expect(delivered.data!.addTrackingEvent).toMatchObject({ userErrors: [], shipment: { status: 'DELIVERED', order: { id: paid.order.id, status: 'DELIVERED' } } });
    expect(await orderStatus(paid.order.id)).toBe('DELIVERED');
    const listed = (await stack.call(adminOp.AdminOrders, { first: 5, filter: { customerEmail: paid.customer.email } }, adminToken)).data!.orders.edges[0].node;
    expect(listed).toMatchObject({ status: 'DELIVERED', shipments: [{ trackingNumber, status: 'DELIVERED' }] });
  });
});
