import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../../../platform/infra/processes';
import type { EventPayloads } from '../../../platform/queue/events';
import { createRedis } from '../../../platform/redis';
import { admin } from '../../../platform/testing/callers';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import type { ShippingDeps } from '../src/deps';
import shipping from '../src/subgraph';
import { startFakeCart, type FakeCart } from './fake-cart';

export { admin, customer, guest } from '../../../platform/testing/callers';

const TEST_SECRET = 'shipping-test-internal-secret-0123456789abcdef';

export interface ShippingHarness extends SubgraphHarness<ShippingDeps> {
  /** The cart subgraph as shipping reaches it (CART_URL). */
  cart: FakeCart;
  /** Publishes an orders event onto shipping's queue, as the orders subgraph's outbox relay would, and waits until it is applied. */
  orderEvent<E extends 'order.confirmed' | 'order.cancelled'>(name: E, payload: EventPayloads[E]): Promise<void>;
}

/** Shipping on a fresh database, its worker, and a fake cart subgraph behind CART_URL. */
export async function startShipping(): Promise<ShippingHarness> {
  const cart = await startFakeCart(TEST_SECRET);
  const h = await startSubgraphHarness(shipping, { INTERNAL_SECRET: TEST_SECRET, CART_URL: cart.url });
  const redis = createRedis(testRedisUrl(), 'shipping-test-events', true);
  const queue = new Queue('shipping', { connection: redis, prefix: h.queuePrefix });
  return {
    ...h,
    cart,
    async orderEvent(name, payload) {
      const jobId = `test-${randomUUID()}`;
      await queue.add(name, payload, { jobId });
      await waitFor(`${name} ${jobId} to be applied`, async () => (await h.sql('SELECT 1 FROM processed_jobs WHERE job_id = $1', [jobId])).length > 0, 20_000, 50);
    },
    async stop() {
      await queue.close();
      redis.disconnect();
      await h.stop();
      await cart.stop();
    },
  };
}

/** An order shipping knows as CONFIRMED (through the order.confirmed event). */
export async function confirmedOrder(h: ShippingHarness, extra: Partial<EventPayloads['order.confirmed']> = {}): Promise<{ orderId: string; userId: string; email: string }> {
  const orderId = randomUUID();
  const userId = randomUUID();
  const email = `buyer-${orderId.slice(0, 8)}@example.com`;
  await h.orderEvent('order.confirmed', { orderId, userId, email, lines: [{ productId: randomUUID(), quantity: 1 }], phone: '+66812345678', ...extra });
  return { orderId, userId, email };
}

export const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
let n = 0;
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${(n += 1)}`;

export const CREATE_ZONE = `mutation ($input: CreateShippingZoneInput!) {
  createShippingZone(input: $input) { zone { id name countryCodes postalCodePrefixes } userErrors { field code message } }
}`;
export const UPDATE_ZONE = `mutation ($id: ID!, $input: UpdateShippingZoneInput!) {
  updateShippingZone(id: $id, input: $input) { zone { id name countryCodes postalCodePrefixes } userErrors { field code } }
}`;
export const METHOD_FIELDS = `id name carrier estimatedDaysMin estimatedDaysMax rateKind isActive flatPrice { amount currencyCode } freeOverSubtotal { amount } weightTiers { maxWeight price { amount } }`;
export const CREATE_METHOD = `mutation ($input: CreateShippingMethodInput!) {
  createShippingMethod(input: $input) { method { ${METHOD_FIELDS} zone { id } } userErrors { field code message } }
}`;
export const UPDATE_METHOD = `mutation ($id: ID!, $input: UpdateShippingMethodInput!) {
  updateShippingMethod(id: $id, input: $input) { method { ${METHOD_FIELDS} } userErrors { field code } }
}`;
export const RATES = `query ($cartId: ID!, $countryCode: String!, $postalCode: String) {
  shippingRates(cartId: $cartId, countryCode: $countryCode, postalCode: $postalCode) { method { id name carrier } price { amount currencyCode } estimatedDaysMin estimatedDaysMax }
}`;
export const CREATE_SHIPMENT = `mutation ($input: CreateShipmentInput!) {
  createShipment(input: $input) { shipment { id carrier trackingNumber status estimatedDelivery order { id } events { status description } } userErrors { field code message } }
}`;
export const ADD_EVENT = `mutation ($input: AddTrackingEventInput!) {
  addTrackingEvent(input: $input) { shipment { id status deliveredAt events { status location occurredAt } } userErrors { field code message } }
}`;
export const TRACK = `query ($n: String!) { trackShipment(trackingNumber: $n) { carrier trackingNumber status estimatedDelivery events { status location description occurredAt } } }`;

export async function makeZone(h: ShippingHarness, countryCodes: string[], postalCodePrefixes: string[] = []): Promise<string> {
  const result = await h.call(admin, CREATE_ZONE, { input: { name: unique('Zone'), countryCodes, postalCodePrefixes } });
  const zone = result.data?.createShippingZone.zone;
  if (!zone) throw new Error(`createShippingZone failed: ${JSON.stringify(result)}`);
  return zone.id;
}

export async function makeMethod(h: ShippingHarness, zoneId: string, input: Record<string, unknown>): Promise<string> {
  const result = await h.call(admin, CREATE_METHOD, { input: { zoneId, carrier: 'TestPost', name: unique('Method'), estimatedDaysMin: 2, estimatedDaysMax: 5, ...input } });
  const method = result.data?.createShippingMethod.method;
  if (!method) throw new Error(`createShippingMethod failed: ${JSON.stringify(result)}`);
  return method.id;
}

export async function makeShipment(h: ShippingHarness, orderId: string, carrier = 'UPS', trackingNumber?: string) {
  const result = await h.call(admin, CREATE_SHIPMENT, { input: { orderId, carrier, trackingNumber } });
  const shipment = result.data?.createShipment.shipment;
  if (!shipment) throw new Error(`createShipment failed: ${JSON.stringify(result)}`);
  return shipment as { id: string; trackingNumber: string; carrier: string; status: string };
}
