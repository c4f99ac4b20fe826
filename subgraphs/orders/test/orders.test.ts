import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { waitFor } from '../../../platform/infra/processes';
import { enqueue } from '../../../platform/queue/outbox';
import { TAX_RATES } from '../migrations/1733300000000-orders';
import { OrderEntity } from '../src/order/order.entity';
import { cancelOrderRecord, confirmOrder } from '../src/order/order-state';
import { OrderStatus } from '../src/order/order-status';
import { admin, customer, guest, ORDER_FIELDS, placeOrder, service, startOrders, type OrdersHarness } from './helpers';

let h: OrdersHarness;
beforeAll(async () => {
  h = await startOrders();
});
afterAll(() => h?.stop());

const ORDER = `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id status } } }`;
const USER_ORDERS = `query ($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) { ... on User { orders(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`;
const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);

/** A shipping event delivered to the orders queue, as the relay would. */
async function shippingEvent(name: 'shipment.created' | 'shipment.delivered', orderId: string) {
  const base = { shipmentId: randomUUID(), orderId, carrier: 'UPS', trackingNumber: `UPS${Date.now()}`, status: 'LABEL_CREATED', estimatedDelivery: null };
  const payload = name === 'shipment.created' ? base : { ...base, status: 'DELIVERED', deliveredAt: new Date().toISOString() };
  const processed = async () => (await h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM processed_jobs WHERE consumer = 'orders'`))[0].n;
  const before = await processed();
  await h.deps.database.dataSource.transaction((m: EntityManager) => enqueue(m, { queue: 'orders', name, payload }));
  // (the queue always holds the reconcile job's next run, so wait for this delivery rather than an idle queue)
  await waitFor(`${name} to be consumed`, async () => {
    await h.subgraph.drainOutbox();
    return (await processed()) > before;
  }, 20_000, 50);
}

const statusOf = async (id: string) => (await h.sql<{ status: string }>('SELECT status FROM orders WHERE id = $1', [id]))[0].status;
const historyOf = async (id: string) => (await h.sql<{ status: string }>('SELECT status FROM order_status_history WHERE order_id = $1 ORDER BY id', [id])).map((r) => r.status);

describe('orders', () => {
  it('seeds the tax rate table by country', async () => {
    const rows = await h.sql<{ country: string; rate: string }>('SELECT country_code AS country, rate::text FROM tax_rates ORDER BY country_code');
    expect(rows.map((r) => [r.country, r.rate])).toEqual([...TAX_RATES].sort(([a], [b]) => a.localeCompare(b)));
    expect(rows.find((r) => r.country === 'US')?.rate).toBe('0.0725');
  });

  it('order(id): the customer and staff read it; anyone else gets null with NOT_FOUND, a guest UNAUTHENTICATED', async () => {
    const owner = customer();
    const id = await placeOrder(h, owner.identity.userId);
    const mine = await h.call(owner, ORDER, { id });
    expect(mine.data!.order).toMatchObject({
      id,
      status: 'CONFIRMED',
      orderNumber: expect.stringMatching(/^ORD-\d{4}-\d{6}$/),
      total: { amount: '29.75', currencyCode: 'USD' },
      taxTotal: { amount: '1.75' },
      lines: [{ productName: 'Lamp', quantity: 2, lineTotal: { amount: '25.00' } }],
      statusHistory: [{ status: 'PENDING' }, { status: 'CONFIRMED' }],
      customer: { id: owner.identity.userId },
    });
    expect((await h.call(admin, ORDER, { id })).data!.order.id).toBe(id);
    const other = await h.call(customer(), ORDER, { id });
    expect(other.data!.order).toBeNull();
    expect(codes(other.errors)).toEqual(['NOT_FOUND']);
    expect(codes((await h.call(customer(), ORDER, { id: 'not-a-uuid' })).errors)).toEqual(['NOT_FOUND']);
    expect(codes((await h.call(guest, ORDER, { id })).errors)).toEqual(['UNAUTHENTICATED']);
  });

  it('an Order reference resolves for its customer and staff only (null for anyone else)', async () => {
    const owner = customer();
    const id = await placeOrder(h, owner.identity.userId);
    const reps = [{ __typename: 'Order', id }, { __typename: 'Order', id: randomUUID() }];
    expect((await h.call(owner, ENTITIES, { reps })).data!._entities).toEqual([{ id, status: 'CONFIRMED' }, null]);
    expect((await h.call(admin, ENTITIES, { reps })).data!._entities[0]).toEqual({ id, status: 'CONFIRMED' });
    expect((await h.call(customer(), ENTITIES, { reps })).data!._entities).toEqual([null, null]);
    expect((await h.call(service('shipping'), ENTITIES, { reps })).data!._entities).toEqual([null, null]);
  });

  it('User.orders pages newest first for the user and staff; FORBIDDEN for anyone else', async () => {
    const owner = customer();
    const ids = [await placeOrder(h, owner.identity.userId), await placeOrder(h, owner.identity.userId), await placeOrder(h, owner.identity.userId)];
    const reps = [{ __typename: 'User', id: owner.identity.userId }];
    const page1 = (await h.call(owner, USER_ORDERS, { reps, first: 2 })).data!._entities[0].orders;
    expect(page1).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    const page2 = (await h.call(admin, USER_ORDERS, { reps, first: 2, after: page1.pageInfo.endCursor })).data!._entities[0].orders;
    expect(page2.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(codes((await h.call(customer(), USER_ORDERS, { reps, first: 2 })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await h.call(owner, USER_ORDERS, { reps, first: 51 })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  it("shipping's events move the order to SHIPPED and DELIVERED once; a cancelled order stays cancelled", async () => {
    const id = await placeOrder(h, randomUUID());
    await shippingEvent('shipment.created', id);
    expect(await statusOf(id)).toBe(OrderStatus.SHIPPED);
    await shippingEvent('shipment.created', id); // a second shipment of the same order
    expect(await historyOf(id)).toEqual(['PENDING', 'CONFIRMED', 'SHIPPED']);
    await shippingEvent('shipment.delivered', id);
    await shippingEvent('shipment.delivered', id);
    expect(await historyOf(id)).toEqual(['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);
    await shippingEvent('shipment.created', id); // late: a delivered order does not go back
    expect(await statusOf(id)).toBe(OrderStatus.DELIVERED);

    const cancelled = await placeOrder(h, randomUUID(), OrderStatus.CANCELLED);
    await shippingEvent('shipment.created', cancelled);
    expect(await statusOf(cancelled)).toBe(OrderStatus.CANCELLED);
  });

  it('order.confirmed and order.cancelled carry the order number, for the customer mail', async () => {
    const id = await placeOrder(h, randomUUID(), OrderStatus.PENDING);
    await h.deps.database.dataSource.transaction(async (m: EntityManager) => {
      const order = await m.findOneByOrFail(OrderEntity, { id });
      await confirmOrder(m, order);
      await cancelOrderRecord(m, order, 'changed my mind');
    });
    const [{ number }] = await h.sql<{ number: string }>('SELECT order_number AS number FROM orders WHERE id = $1', [id]);
    expect(number).toMatch(/^ORD-\d{4}-\d{6}$/);
    const events = await h.sql<{ queue: string; name: string; orderNumber: string }>(
      `SELECT queue, name, payload->>'orderNumber' AS "orderNumber" FROM outbox WHERE payload->>'orderId' = $1 ORDER BY id`,
      [id],
    );
    expect(events).toEqual([
      { queue: 'users', name: 'order.confirmed', orderNumber: number },
      { queue: 'catalog', name: 'order.confirmed', orderNumber: number },
      { queue: 'shipping', name: 'order.confirmed', orderNumber: number },
      { queue: 'users', name: 'order.cancelled', orderNumber: number },
      { queue: 'shipping', name: 'order.cancelled', orderNumber: number },
    ]);
  });

  it('staff list orders by status, customer email and date; customers are FORBIDDEN', async () => {
    const id = await placeOrder(h, randomUUID());
    const [{ email }] = await h.sql<{ email: string }>('SELECT email FROM orders WHERE id = $1', [id]);
    const LIST = `query ($filter: OrderFilter) { orders(first: 5, filter: $filter) { totalCount edges { node { id email } } } }`;
    const byEmail = await h.call(admin, LIST, { filter: { customerEmail: email.toUpperCase(), status: 'CONFIRMED', createdAfter: new Date(Date.now() - 3_600_000).toISOString() } });
    expect(byEmail.data!.orders).toEqual({ totalCount: 1, edges: [{ node: { id, email } }] });
    expect((await h.call(admin, LIST, { filter: { customerEmail: email, status: 'SHIPPED' } })).data!.orders.totalCount).toBe(0);
    expect(codes((await h.call(customer(), LIST, {})).errors)).toEqual(['FORBIDDEN']);
  });
});
