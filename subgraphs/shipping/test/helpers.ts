import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../../../platform/auth/internal-token';
import { Role } from '../../../platform/auth/roles';
import { waitFor } from '../../../platform/infra/processes';
import type { EventPayloads } from '../../../platform/queue/events';
import { createRedis } from '../../../platform/redis';
import { postGraphQL, type GraphQLResponse } from '../../../platform/testing/graphql-client';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import type { ShippingDeps } from '../src/deps';
import { startFakeCart, type FakeCart } from './fake-cart';
import { startShippingForTest, type StartedSubgraph } from './start-for-test';

export type Caller = { kind: 'guest' } | { kind: 'customer'; userId: string } | { kind: 'admin'; userId: string };

export const guest: Caller = { kind: 'guest' };
export const customer = (userId: string = randomUUID()): Caller => ({ kind: 'customer', userId });
export const admin: Caller = { kind: 'admin', userId: randomUUID() };

const TEST_SECRET = 'shipping-test-internal-secret-0123456789abcdef';

export interface ShippingHarness {
  subgraph: StartedSubgraph<ShippingDeps>;
  deps: ShippingDeps;
  queuePrefix: string;
  cart: FakeCart;
  call<T = Record<string, any>>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** Publishes an orders event onto shipping's queue, as the orders subgraph's outbox relay would, and waits until it is applied. */
  orderEvent<E extends 'order.confirmed' | 'order.cancelled'>(name: E, payload: EventPayloads[E]): Promise<void>;
  stop(): Promise<void>;
}

export async function startShipping(): Promise<ShippingHarness> {
  const queuePrefix = `t-${randomUUID().slice(0, 8)}`;
  const cart = await startFakeCart(TEST_SECRET);
  const subgraph = await startShippingForTest(queuePrefix, { INTERNAL_SECRET: TEST_SECRET, CART_URL: cart.url });
  const { deps } = subgraph;
  const redis = createRedis(testRedisUrl(), 'shipping-test', true);
  const queue = new Queue('shipping', { connection: redis, prefix: queuePrefix });
  const headers = (caller: Caller) => {
    const identity =
      caller.kind === 'guest' ? undefined : { userId: caller.userId, roles: caller.kind === 'admin' ? [Role.ADMIN, Role.CUSTOMER] : [Role.CUSTOMER], sessionId: randomUUID() };
    return { [INTERNAL_TOKEN_HEADER]: signInternalToken(TEST_SECRET, { caller: 'gateway', identity }) };
  };
  const sql = (query: string, params: unknown[] = []) => deps.database.dataSource.query(query, params);
  return {
    subgraph,
    deps,
    queuePrefix,
    cart,
    call: (caller, query, variables = {}) => postGraphQL(subgraph.url, query, variables, headers(caller)),
    sql,
    async orderEvent(name, payload) {
      const jobId = `test-${randomUUID()}`;
      await queue.add(name, payload, { jobId });
      await waitFor(`${name} ${jobId} to be applied`, async () => (await sql('SELECT 1 FROM processed_jobs WHERE job_id = $1', [jobId])).length > 0, 20_000, 50);
    },
    async stop() {
      await queue.close();
      redis.disconnect();
      await subgraph.stop();
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
