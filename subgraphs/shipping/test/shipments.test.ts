import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { countStatements } from '../../../platform/db/statement-log';
import { waitFor } from '../../../platform/infra/processes';
import { EVENT_SUBSCRIBERS } from '../../../platform/queue/events';
import { createRedis } from '../../../platform/redis';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import { admin, ADD_EVENT, confirmedOrder, CREATE_SHIPMENT, guest, makeShipment, startShipping, TRACK, type ShippingHarness } from './helpers';

let h: ShippingHarness;
const subscribers = EVENT_SUBSCRIBERS['shipment.delivered'];
beforeAll(async () => {
  // the orders subgraph will subscribe to shipment.delivered; until then these tests stand in for it
  EVENT_SUBSCRIBERS['shipment.delivered'] = ['orders'];
  h = await startShipping();
});
afterAll(async () => {
  EVENT_SUBSCRIBERS['shipment.delivered'] = subscribers;
  await h?.stop();
});

const create = (input: Record<string, unknown>) => h.call(admin, CREATE_SHIPMENT, { input });
const addEvent = (input: Record<string, unknown>) => h.call(admin, ADD_EVENT, { input });
const errorsOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
/** A time `seconds` after `base` (events come after the shipment's creation, at most a few minutes ahead of the clock). */
const after = (base: number, seconds: number) => new Date(base + seconds * 1000).toISOString();

describe('createShipment', () => {
  it('ships only orders shipping learnt are CONFIRMED (unknown → NOT_FOUND, cancelled → ORDER_NOT_SHIPPABLE), even when the cancellation came first', async () => {
    expect(errorsOf((await create({ orderId: randomUUID(), carrier: 'UPS' })).data!.createShipment)).toEqual(['NOT_FOUND']);
    const order = await confirmedOrder(h);
    await h.orderEvent('order.cancelled', { orderId: order.orderId, userId: order.userId, email: order.email, reason: 'changed my mind' });
    expect(errorsOf((await create({ orderId: order.orderId, carrier: 'UPS' })).data!.createShipment)).toEqual(['ORDER_NOT_SHIPPABLE']);

    const early = randomUUID();
    await h.orderEvent('order.cancelled', { orderId: early, userId: null, email: 'x@example.com', reason: null });
    await h.orderEvent('order.confirmed', { orderId: early, userId: null, email: 'x@example.com', lines: [] });
    expect(await h.sql('SELECT status FROM order_refs WHERE order_id = $1', [early])).toEqual([{ status: 'CANCELLED' }]);
    expect(errorsOf((await create({ orderId: early, carrier: 'UPS' })).data!.createShipment)).toEqual(['ORDER_NOT_SHIPPABLE']);
    expect(await h.sql('SELECT count(*)::int AS n FROM shipments WHERE order_id = ANY($1::uuid[])', [[order.orderId, early]])).toEqual([{ n: 0 }]);
  });

  it('creates a LABEL_CREATED shipment with a generated tracking number, unique per carrier, and tells the customer', async () => {
    const order = await confirmedOrder(h);
    const result = await create({ orderId: order.orderId, carrier: 'UPS', estimatedDelivery: '2030-01-15' });
    expect(result.data?.createShipment).toMatchObject({
      shipment: { carrier: 'UPS', status: 'LABEL_CREATED', estimatedDelivery: '2030-01-15', order: { id: order.orderId }, events: [{ status: 'LABEL_CREATED' }] },
      userErrors: [],
    });
    const generated = await Promise.all(Array.from({ length: 20 }, () => makeShipment(h, order.orderId, 'DHL')));
    const numbers = generated.map((s) => s.trackingNumber);
    expect(new Set(numbers).size).toBe(20);
    for (const n of numbers) expect(n).toMatch(/^DHL[0-9A-Z]{14}$/);

    // a given number: normalised, taken within a carrier, free for another carrier
    const given = await create({ orderId: order.orderId, carrier: 'FedEx', trackingNumber: ' 7489 abc ' });
    expect(given.data?.createShipment.shipment.trackingNumber).toBe('7489ABC');
    const again = await create({ orderId: order.orderId, carrier: 'FedEx', trackingNumber: '7489ABC' });
    expect(again.data?.createShipment.userErrors).toEqual([{ field: 'input.trackingNumber', code: 'TRACKING_NUMBER_TAKEN', message: expect.any(String) }]);
    expect((await create({ orderId: order.orderId, carrier: 'USPS', trackingNumber: '7489ABC' })).data?.createShipment.userErrors).toEqual([]);
    await expect(h.sql(`INSERT INTO shipments (order_id, carrier, tracking_number, status) VALUES ($1, 'FedEx', '7489ABC', 'LABEL_CREATED')`, [order.orderId])).rejects.toThrow(/shipments_tracking_unique/);
    expect(errorsOf((await create({ orderId: order.orderId, carrier: 'UPS', trackingNumber: 'no!' })).data!.createShipment)).toEqual(['INVALID']);

    const mail = await h.sql(`SELECT payload FROM outbox WHERE name = 'shipment.updated' AND payload->>'shipmentId' = $1`, [result.data!.createShipment.shipment.id]);
    expect(mail).toHaveLength(1);
    expect(mail[0].payload).toMatchObject({ orderId: order.orderId, userId: order.userId, email: order.email, phone: '+66812345678', status: 'LABEL_CREATED', carrier: 'UPS' });
    expect(await h.sql(`SELECT queue FROM outbox WHERE name = 'shipment.updated' AND payload->>'shipmentId' = $1`, [result.data!.createShipment.shipment.id])).toEqual([{ queue: 'users' }]);
  });
});

describe('addTrackingEvent', () => {
  it('appends events in time order and validates each status move', async () => {
    const { orderId } = await confirmedOrder(h);
    const s = await makeShipment(h, orderId);
    const base = Date.now();
    const first = await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT', location: 'Oakland, CA', occurredAt: after(base, 60) });
    expect(first.data?.addTrackingEvent.userErrors).toEqual([]);
    const late = await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT', location: 'Reno, NV', occurredAt: after(base, 30) });
    expect(errorsOf(late.data!.addTrackingEvent)).toEqual(['EVENT_OUT_OF_ORDER']);
    expect(errorsOf((await addEvent({ shipmentId: s.id, status: 'LABEL_CREATED' })).data!.addTrackingEvent)).toEqual(['INVALID_STATUS_TRANSITION']);
    expect(errorsOf((await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT', occurredAt: new Date(Date.now() + 3_600_000).toISOString() })).data!.addTrackingEvent)).toEqual(['INVALID']);
    expect(errorsOf((await addEvent({ shipmentId: randomUUID(), status: 'IN_TRANSIT' })).data!.addTrackingEvent)).toEqual(['NOT_FOUND']);
    await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT', location: 'Salt Lake City, UT', occurredAt: after(base, 90) });
    const out = await addEvent({ shipmentId: s.id, status: 'OUT_FOR_DELIVERY', location: 'Denver, CO', occurredAt: after(base, 120) });
    expect(out.data?.addTrackingEvent.shipment.status).toBe('OUT_FOR_DELIVERY');
    expect(out.data?.addTrackingEvent.shipment.events.map((e: { status: string; location: string | null }) => [e.status, e.location])).toEqual([
      ['LABEL_CREATED', null],
      ['IN_TRANSIT', 'Oakland, CA'],
      ['IN_TRANSIT', 'Salt Lake City, UT'],
      ['OUT_FOR_DELIVERY', 'Denver, CO'],
    ]);
    const times = out.data!.addTrackingEvent.shipment.events.map((e: { occurredAt: string }) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(errorsOf((await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT', occurredAt: after(base, 150) })).data!.addTrackingEvent)).toEqual(['INVALID_STATUS_TRANSITION']);
  });

  it('delivers on DELIVERED: shipment.delivered goes out once through the outbox; after it only RETURNED, then nothing', async () => {
    const { orderId } = await confirmedOrder(h);
    const s = await makeShipment(h, orderId, 'Kerry Express');
    await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT' });
    const delivered = await addEvent({ shipmentId: s.id, status: 'DELIVERED', location: 'Bangkok' });
    expect(delivered.data?.addTrackingEvent.shipment).toMatchObject({ status: 'DELIVERED', deliveredAt: expect.any(String) });
    expect(errorsOf((await addEvent({ shipmentId: s.id, status: 'DELIVERED' })).data!.addTrackingEvent)).toEqual(['INVALID_STATUS_TRANSITION']);
    expect(errorsOf((await addEvent({ shipmentId: s.id, status: 'OUT_FOR_DELIVERY' })).data!.addTrackingEvent)).toEqual(['INVALID_STATUS_TRANSITION']);
    expect((await addEvent({ shipmentId: s.id, status: 'RETURNED' })).data?.addTrackingEvent.shipment.status).toBe('RETURNED');
    expect(errorsOf((await addEvent({ shipmentId: s.id, status: 'RETURNED' })).data!.addTrackingEvent)).toEqual(['INVALID_STATUS_TRANSITION']);

    const rows = await h.sql(`SELECT name, queue FROM outbox WHERE payload->>'shipmentId' = $1 ORDER BY id`, [s.id]);
    expect(rows.filter((r) => r.name === 'shipment.delivered')).toEqual([{ name: 'shipment.delivered', queue: 'orders' }]);
    expect(rows.filter((r) => r.name === 'shipment.updated')).toHaveLength(4); // created, in transit, delivered, returned
    await h.subgraph.drainOutbox();
    const redis = createRedis(testRedisUrl(), 'shipping-test-orders', true);
    const orders = new Queue('orders', { connection: redis, prefix: h.queuePrefix });
    try {
      await waitFor('shipment.delivered in the orders queue', async () => (await orders.getJobs(['waiting', 'delayed', 'prioritized'])).some((j) => j.data.shipmentId === s.id));
      // (orders also receives shipment.created)
      const jobs = (await orders.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.data.shipmentId === s.id && j.name !== 'shipment.created');
      expect(jobs.map((j) => j.name)).toEqual(['shipment.delivered']);
      expect(jobs[0].data).toMatchObject({ orderId, carrier: 'Kerry Express', trackingNumber: s.trackingNumber, status: 'DELIVERED', deliveredAt: expect.any(String) });
    } finally {
      await orders.close();
      redis.disconnect();
    }
  });
});

describe('trackShipment', () => {
  it('is public and shows the carrier, status and events, never the order or the customer', async () => {
    const order = await confirmedOrder(h);
    const s = await makeShipment(h, order.orderId, 'UPS');
    await addEvent({ shipmentId: s.id, status: 'IN_TRANSIT', location: 'Memphis, TN', description: 'Departed facility' });
    const result = await h.call(guest, TRACK, { n: ` ${s.trackingNumber.toLowerCase()} ` });
    expect(result.data?.trackShipment).toMatchObject({ carrier: 'UPS', trackingNumber: s.trackingNumber, status: 'IN_TRANSIT', events: [{ status: 'LABEL_CREATED' }, { status: 'IN_TRANSIT', location: 'Memphis, TN', description: 'Departed facility' }] });
    const text = JSON.stringify(result);
    for (const secret of [order.orderId, order.userId, order.email, '+66812345678', s.id]) expect(text).not.toContain(secret);
    expect(result.headers.get('cache-control') ?? 'no-store').not.toMatch(/public/);
    const type = await h.call(guest, `{ __type(name: "ShipmentTracking") { fields { name } } }`);
    expect(type.data?.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['carrier', 'estimatedDelivery', 'events', 'status', 'trackingNumber']);
    expect((await h.call(guest, TRACK, { n: 'NOSUCHNUMBER1' })).data?.trackShipment).toBeNull();
    expect((await h.call(guest, TRACK, { n: '???' })).data?.trackShipment).toBeNull();
  });
});

describe('Order.shipments', () => {
  it('loads the shipments and events of many orders with one statement per list', async () => {
    const orders = await Promise.all([confirmedOrder(h), confirmedOrder(h), confirmedOrder(h)]);
    for (const o of orders) for (let i = 0; i < 2; i++) await makeShipment(h, o.orderId, 'USPS');
    const query = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { id shipments { id trackingNumber status events { status } order { id } } } } }`;
    const { result, counts } = await countStatements([h.deps.database.statements], () =>
      h.call(admin, query, { reps: [...orders.map((o) => ({ __typename: 'Order', id: o.orderId })), { __typename: 'Order', id: randomUUID() }] }),
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as { id: string; shipments: { order: { id: string }; events: unknown[] }[] }[];
    expect(entities.map((e) => e.shipments.length)).toEqual([2, 2, 2, 0]);
    for (const e of entities) for (const s of e.shipments) expect(s).toMatchObject({ order: { id: e.id }, events: [{ status: 'LABEL_CREATED' }] });
    const selects = counts.sql.filter((q) => /FROM "?(shipments|shipment_events)"?[ \s]/.test(q));
    expect(selects).toHaveLength(2);
  });
});
