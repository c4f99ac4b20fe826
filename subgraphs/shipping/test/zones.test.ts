import { randomUUID } from 'node:crypto';
import { signInternalToken, INTERNAL_TOKEN_HEADER } from '../../../platform/auth/internal-token';
import { postGraphQL } from '../../../platform/testing/graphql-client';
import { admin, ADD_EVENT, codes, CREATE_METHOD, CREATE_SHIPMENT, CREATE_ZONE, customer, guest, makeMethod, makeZone, startShipping, unique, UPDATE_METHOD, UPDATE_ZONE, type ShippingHarness } from './helpers';

let h: ShippingHarness;
beforeAll(async () => {
  h = await startShipping();
});
afterAll(() => h?.stop());

const ZONES = `{ shippingZones { id name methods { id name rateKind } } }`;

describe('shipping zones and methods (staff)', () => {
  it('creates and updates zones, refusing bad countries and prefixes and a taken name', async () => {
    const name = unique('Nordics');
    const created = await h.call(admin, CREATE_ZONE, { input: { name, countryCodes: ['se', 'NO', 'SE'], postalCodePrefixes: ['1 1'] } });
    expect(created.data?.createShippingZone).toMatchObject({ zone: { name, countryCodes: ['NO', 'SE'], postalCodePrefixes: ['11'] }, userErrors: [] });
    const id = created.data!.createShippingZone.zone.id;
    const bad = await h.call(admin, CREATE_ZONE, { input: { name: unique('Bad'), countryCodes: ['XX', 'US'], postalCodePrefixes: ['9*'] } });
    expect(bad.data?.createShippingZone.userErrors.map((e: { field: string; code: string }) => `${e.code}:${e.field}`)).toEqual(['INVALID:input.countryCodes', 'INVALID:input.postalCodePrefixes']);
    const taken = await h.call(admin, CREATE_ZONE, { input: { name, countryCodes: ['DK'] } });
    expect(taken.data?.createShippingZone.userErrors).toEqual([{ field: 'input.name', code: 'TAKEN', message: expect.any(String) }]);
    const updated = await h.call(admin, UPDATE_ZONE, { id, input: { countryCodes: ['FI'], postalCodePrefixes: [] } });
    expect(updated.data?.updateShippingZone).toMatchObject({ zone: { name, countryCodes: ['FI'], postalCodePrefixes: [] }, userErrors: [] });
    expect((await h.call(admin, UPDATE_ZONE, { id: randomUUID(), input: { name: 'x' } })).data?.updateShippingZone.userErrors[0].code).toBe('NOT_FOUND');
    expect(await h.sql('SELECT count(*)::int AS n FROM shipping_zones WHERE name = $1', [name])).toEqual([{ n: 1 }]);
  });

  it('creates methods with exactly one kind of price and switches a method between flat and tiered', async () => {
    const zone = await makeZone(h, ['IS']);
    const both = await h.call(admin, CREATE_METHOD, { input: { zoneId: zone, carrier: 'X', name: 'Both', estimatedDaysMin: 1, estimatedDaysMax: 2, flatPrice: '1', weightTiers: [{ maxWeight: '1', price: '1' }] } });
    expect(both.data?.createShippingMethod.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID']);
    const days = await h.call(admin, CREATE_METHOD, { input: { zoneId: zone, carrier: 'X', name: 'Days', estimatedDaysMin: 5, estimatedDaysMax: 2, flatPrice: '1' } });
    expect(days.data?.createShippingMethod.userErrors.map((e: { field: string }) => e.field)).toEqual(['input.estimatedDaysMax']);
    const negative = await h.call(admin, CREATE_METHOD, { input: { zoneId: zone, carrier: 'X', name: 'Neg', estimatedDaysMin: 1, estimatedDaysMax: 2, flatPrice: '-1' } });
    expect(negative.data?.createShippingMethod.userErrors.map((e: { field: string }) => e.field)).toEqual(['input.flatPrice']);
    const noZone = await h.call(admin, CREATE_METHOD, { input: { zoneId: randomUUID(), carrier: 'X', name: 'Lost', estimatedDaysMin: 1, estimatedDaysMax: 2, flatPrice: '1' } });
    expect(noZone.data?.createShippingMethod.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);

    const id = await makeMethod(h, zone, { flatPrice: '4.5', freeOverSubtotal: '30' });
    const tiered = await h.call(admin, UPDATE_METHOD, { id, input: { weightTiers: [{ maxWeight: '2', price: '6' }, { maxWeight: '0.5', price: '3' }] } });
    expect(tiered.data?.updateShippingMethod).toMatchObject({
      method: { rateKind: 'WEIGHT_TIERED', flatPrice: null, freeOverSubtotal: { amount: '30.00' }, weightTiers: [{ maxWeight: '0.500', price: { amount: '3.00' } }, { maxWeight: '2.000', price: { amount: '6.00' } }] },
      userErrors: [],
    });
    const flat = await h.call(admin, UPDATE_METHOD, { id, input: { flatPrice: '2.00', freeOverSubtotal: null, isActive: false } });
    expect(flat.data?.updateShippingMethod).toMatchObject({ method: { rateKind: 'FLAT', flatPrice: { amount: '2.00' }, freeOverSubtotal: null, weightTiers: [], isActive: false }, userErrors: [] });
    expect(await h.sql('SELECT count(*)::int AS n FROM shipping_rate_tiers WHERE method_id = $1', [id])).toEqual([{ n: 0 }]);
    const zones = await h.call(admin, ZONES);
    expect(zones.data?.shippingZones.find((z: { id: string }) => z.id === zone).methods.map((m: { id: string }) => m.id)).toEqual([id]);
  });

  it('is staff only: customers get FORBIDDEN, guests UNAUTHENTICATED, and nothing is written', async () => {
    const zone = await makeZone(h, ['LI']);
    const method = await makeMethod(h, zone, { flatPrice: '1' });
    const [before] = await h.sql('SELECT (SELECT count(*) FROM shipping_zones)::int AS z, (SELECT count(*) FROM shipping_methods)::int AS m, (SELECT count(*) FROM shipments)::int AS s');
    const operations: [string, Record<string, unknown>][] = [
      [ZONES, {}],
      [CREATE_ZONE, { input: { name: unique('Nope'), countryCodes: ['US'] } }],
      [UPDATE_ZONE, { id: zone, input: { name: unique('Renamed') } }],
      [CREATE_METHOD, { input: { zoneId: zone, carrier: 'X', name: 'Nope', estimatedDaysMin: 1, estimatedDaysMax: 2, flatPrice: '1' } }],
      [UPDATE_METHOD, { id: method, input: { flatPrice: '0' } }],
      [CREATE_SHIPMENT, { input: { orderId: randomUUID(), carrier: 'UPS' } }],
      [ADD_EVENT, { input: { shipmentId: randomUUID(), status: 'IN_TRANSIT' } }],
    ];
    for (const [query, variables] of operations) {
      expect(codes((await h.call(customer(), query, variables)).errors)).toEqual(['FORBIDDEN']);
      expect(codes((await h.call(guest, query, variables)).errors)).toEqual(['UNAUTHENTICATED']);
    }
    const [after] = await h.sql('SELECT (SELECT count(*) FROM shipping_zones)::int AS z, (SELECT count(*) FROM shipping_methods)::int AS m, (SELECT count(*) FROM shipments)::int AS s');
    expect(after).toEqual(before);
    expect(await h.sql('SELECT flat_price::text AS p FROM shipping_methods WHERE id = $1', [method])).toEqual([{ p: '1.00' }]);
  });

  it('answers 401 to a direct call without the internal credential, or with one signed by another secret', async () => {
    const plain = await postGraphQL(h.subgraph.url, '{ trackShipment(trackingNumber: "ABCD1234") { status } }');
    expect(plain.status).toBe(401);
    expect(codes(plain.errors)).toEqual(['UNAUTHENTICATED']);
    const forged = await postGraphQL(h.subgraph.url, '{ trackShipment(trackingNumber: "ABCD1234") { status } }', {}, { [INTERNAL_TOKEN_HEADER]: signInternalToken('another-secret-of-at-least-32-characters!!', { caller: 'gateway', audience: 'shipping' }) });
    expect(forged.status).toBe(401);
    expect(forged.data).toBeUndefined();
  });
});
