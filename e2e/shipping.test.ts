import { randomUUID } from 'node:crypto';
import { waitFor } from '../platform/infra/processes';
import { OUTBOX_CHANNEL } from '../platform/queue/outbox';
import { sharedStack } from './shared-stack';
import type { StackClient } from './stack-client';
import { admin as adminOp, storefront as op } from './operations';

let stack: StackClient;
let adminToken: string;
beforeAll(async () => {
  stack = await sharedStack();
  adminToken = await stack.adminToken();
});
afterAll(() => stack?.stop());

const shippingSql = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => stack.sql('shipping', sql, params);
const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);

/**
 * The contract's CreateShipment and AddTrackingEvent also select `order { status }`, a field of the
 * orders subgraph; until it is composed these are the same documents without it.
 */
const CREATE_SHIPMENT = adminOp.CreateShipment.replace(/order \{\s*id\s*status\s*\}/, 'order { id }');
const ADD_TRACKING_EVENT = adminOp.AddTrackingEvent.replace(/order \{\s*id\s*status\s*\}/, 'order { id }');
if (CREATE_SHIPMENT === adminOp.CreateShipment || ADD_TRACKING_EVENT === adminOp.AddTrackingEvent) throw new Error('the contract shipment documents changed: update this test');

/** An order confirmed for `customer`: the order.confirmed event reaches shipping (and users) through the outbox and the queues, as the orders subgraph will send it. */
async function confirmOrder(customer: { userId: string; email: string }): Promise<string> {
  const orderId = randomUUID();
  const payload = { orderId, userId: customer.userId, email: customer.email, lines: [], phone: null };
  await shippingSql(`INSERT INTO outbox (queue, name, payload) VALUES ('shipping', 'order.confirmed', $1)`, [JSON.stringify(payload)]);
  await shippingSql(`NOTIFY ${OUTBOX_CHANNEL}`);
  await waitFor('shipping to learn of the order', async () => {
    await stack.drainOutboxes();
    return (await shippingSql('SELECT 1 FROM order_refs WHERE order_id = $1', [orderId])).length > 0;
  }, 20_000, 100);
  return orderId;
}

describe('shipping through the gateway', () => {
  it('staff ship an order and add tracking events; the public tracking page follows at once, and the customer gets the shipping mail', async () => {
    const customer = await stack.registerCustomer('Sam');
    const orderId = await confirmOrder(customer);
    expect(codes((await stack.call(CREATE_SHIPMENT, { input: { orderId, carrier: 'UPS' } }, customer.accessToken)).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await stack.call(CREATE_SHIPMENT, { input: { orderId, carrier: 'UPS' } })).errors)).toEqual(['UNAUTHENTICATED']);

    const created = await stack.call(CREATE_SHIPMENT, { input: { orderId, carrier: 'UPS' } }, adminToken);
    expect(created.errors).toBeUndefined();
    const shipment = created.data!.createShipment.shipment;
    expect(shipment).toMatchObject({ carrier: 'UPS', status: 'LABEL_CREATED', trackingNumber: expect.stringMatching(/^UPS/), order: { id: orderId } });

    const track = () => stack.call(op.TrackShipment, { trackingNumber: shipment.trackingNumber });
    const first = await track();
    expect(first.data!.trackShipment).toMatchObject({ carrier: 'UPS', status: 'LABEL_CREATED', events: [{ status: 'LABEL_CREATED' }] });
    expect(first.headers.get('cache-control') ?? '').not.toMatch(/public/);

    const moved = await stack.call(ADD_TRACKING_EVENT, { input: { shipmentId: shipment.id, status: 'IN_TRANSIT', location: 'Louisville, KY' } }, adminToken);
    expect(moved.data!.addTrackingEvent).toMatchObject({ shipment: { status: 'IN_TRANSIT', events: [{ status: 'LABEL_CREATED' }, { status: 'IN_TRANSIT', location: 'Louisville, KY' }], order: { id: orderId } }, userErrors: [] });
    const delivered = await stack.call(ADD_TRACKING_EVENT, { input: { shipmentId: shipment.id, status: 'DELIVERED' } }, adminToken);
    expect(delivered.data!.addTrackingEvent.shipment.status).toBe('DELIVERED');
    const again = await stack.call(ADD_TRACKING_EVENT, { input: { shipmentId: shipment.id, status: 'IN_TRANSIT' } }, adminToken);
    expect(again.data!.addTrackingEvent.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_STATUS_TRANSITION']);

    // no response cache in the way: the guest sees the new status right away
    const after = await track();
    expect(after.data!.trackShipment.status).toBe('DELIVERED');
    expect(after.data!.trackShipment.events.map((e: { status: string }) => e.status)).toEqual(['LABEL_CREATED', 'IN_TRANSIT', 'DELIVERED']);
    expect(JSON.stringify(after.data)).not.toContain(customer.email);

    // users turns shipment.updated into the customer's shipping mail
    await waitFor('the shipping mails', async () => {
      await stack.drainOutboxes();
      const res = await stack.call(op.MyNotifications, { first: 10 }, customer.accessToken);
      return res.data!.me.notifications.edges.filter((e: { node: { template: string } }) => e.node.template === 'shipment-update').length === 3;
    }, 20_000, 100);
  });

  it('ShippingRates: an unknown country is an empty list and a malformed one BAD_USER_INPUT', async () => {
    const empty = await stack.call(op.ShippingRates, { cartId: randomUUID(), countryCode: 'BR' });
    expect(empty.errors).toBeUndefined();
    expect(empty.data!.shippingRates).toEqual([]);
    const bad = await stack.call(op.ShippingRates, { cartId: randomUUID(), countryCode: 'Brazil' });
    expect(codes(bad.errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('TrackShipment of an unknown number is null', async () => {
    const res = await stack.call(op.TrackShipment, { trackingNumber: 'NO-SUCH-NUMBER' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.trackShipment).toBeNull();
  });
});
