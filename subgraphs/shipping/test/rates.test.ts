import { randomUUID } from 'node:crypto';
import { replicaCaughtUp } from '../../../platform/testing/databases';
import { cart } from './fake-cart';
import { codes, customer, guest, makeMethod, makeZone, RATES, startShipping, type ShippingHarness } from './helpers';

let h: ShippingHarness;
beforeAll(async () => {
  h = await startShipping();
});
afterAll(() => h?.stop());

const rates = async (cartId: string, countryCode: string, postalCode?: string) => {
  // zones and methods were written by staff; a guest may read the replica
  await replicaCaughtUp();
  const result = await h.call(guest, RATES, { cartId, countryCode, postalCode });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.shippingRates as { method: { id: string; name: string }; price: { amount: string; currencyCode: string }; estimatedDaysMin: number; estimatedDaysMax: number }[];
};
const newCart = (subtotal: string, weight: string, currencyCode = 'USD') => {
  const id = randomUUID();
  h.cart.carts.set(id, cart(subtotal, weight, currencyCode));
  return id;
};

describe('shippingRates', () => {
  it('uses the most specific zone: the longest matching postal prefix over the whole country', async () => {
    const country = await makeZone(h, ['AU']);
    const two = await makeZone(h, ['AU'], ['2']);
    const twoThousand = await makeZone(h, ['AU', 'NZ'], ['20 0']);
    const countryMethod = await makeMethod(h, country, { flatPrice: '9.00' });
    const twoMethod = await makeMethod(h, two, { flatPrice: '7.00' });
    const narrowMethod = await makeMethod(h, twoThousand, { flatPrice: '5.00' });
    const cartId = newCart('20.00', '1');

    expect((await rates(cartId, 'AU', '2000')).map((r) => r.method.id)).toEqual([narrowMethod]);
    expect((await rates(cartId, 'au', '2 100')).map((r) => r.method.id)).toEqual([twoMethod]);
    expect((await rates(cartId, 'AU', '3000')).map((r) => r.method.id)).toEqual([countryMethod]);
    expect((await rates(cartId, 'AU')).map((r) => r.method.id)).toEqual([countryMethod]);
    // NZ has only the prefix zone: without a matching postal code there is no zone at all
    expect(await rates(cartId, 'NZ', '9999')).toEqual([]);
  });

  it('prices by weight tier, flat, or free over the subtotal, cheapest first; skips inactive methods, other currencies and carts too heavy', async () => {
    const zone = await makeZone(h, ['CA']);
    const tiered = await makeMethod(h, zone, { name: 'Tiered', estimatedDaysMin: 1, estimatedDaysMax: 2, weightTiers: [{ maxWeight: '5', price: '10.00' }, { maxWeight: '1', price: '5.00' }] });
    const flat = await makeMethod(h, zone, { name: 'Flat', estimatedDaysMin: 3, estimatedDaysMax: 6, flatPrice: '8.00', freeOverSubtotal: '50.00' });
    await makeMethod(h, zone, { name: 'Off', flatPrice: '0.50', isActive: false });
    await makeMethod(h, zone, { name: 'Euro', flatPrice: '0.10', currencyCode: 'EUR' });

    const summary = async (cartId: string) => (await rates(cartId, 'CA')).map((r) => [r.method.id, r.price.amount]);
    expect(await summary(newCart('20.00', '0.5'))).toEqual([[tiered, '5.00'], [flat, '8.00']]);
    expect(await summary(newCart('20.00', '3.2'))).toEqual([[flat, '8.00'], [tiered, '10.00']]);
    expect(await summary(newCart('49.99', '5.000'))).toEqual([[flat, '8.00'], [tiered, '10.00']]);
    expect(await summary(newCart('50.00', '3'))).toEqual([[flat, '0.00'], [tiered, '10.00']]);
    expect(await summary(newCart('20.00', '5.001'))).toEqual([[flat, '8.00']]);
    const all = await rates(newCart('20.00', '0.5'), 'CA');
    expect(all[0]).toMatchObject({ price: { currencyCode: 'USD' }, estimatedDaysMin: 1, estimatedDaysMax: 2 });
    // a euro cart gets only the euro method
    expect((await rates(newCart('20.00', '1', 'EUR'), 'CA')).map((r) => [r.method.name, r.price])).toEqual([['Euro', { amount: '0.10', currencyCode: 'EUR' }]]);
  });

  it('answers [] for a country no zone covers without asking the cart, and BAD_USER_INPUT for a malformed country or postal code', async () => {
    const before = h.cart.calls.length;
    expect(await rates(newCart('10', '1'), 'BR')).toEqual([]);
    expect(await rates(newCart('10', '1'), 'ZZ')).toEqual([]);
    expect(h.cart.calls.length).toBe(before);
    for (const countryCode of ['USA', 'U', '', '1A', 'U S']) {
      const result = await h.call(guest, RATES, { cartId: randomUUID(), countryCode });
      expect([countryCode, codes(result.errors)]).toEqual([countryCode, ['BAD_USER_INPUT']]);
    }
    const badPostal = await h.call(guest, RATES, { cartId: randomUUID(), countryCode: 'US', postalCode: '94105!' });
    expect(codes(badPostal.errors)).toEqual(['BAD_USER_INPUT']);
  });

  it('asks the cart subgraph with the shipping service credential on behalf of the caller; an unknown cart is NOT_FOUND, a cart subgraph down SERVICE_UNAVAILABLE', async () => {
    const zone = await makeZone(h, ['JP']);
    await makeMethod(h, zone, { flatPrice: '3.00' });
    const userId = randomUUID();
    const cartId = newCart('10.00', '1');
    const result = await h.call(customer(userId), RATES, { cartId, countryCode: 'JP' });
    expect(result.data?.shippingRates).toHaveLength(1);
    const call = h.cart.calls.find((c) => c.cartId === cartId)!;
    expect(call.claims).toMatchObject({ caller: 'shipping', audience: 'cart', identity: { userId } });
    expect(call.requestId).toBeTruthy();
    const unknown = await h.call(guest, RATES, { cartId: randomUUID(), countryCode: 'JP' });
    expect(codes(unknown.errors)).toEqual(['NOT_FOUND']);
    expect(unknown.data?.shippingRates ?? null).toBeNull();
    const down = randomUUID();
    h.cart.failing.add(down);
    expect(codes((await h.call(guest, RATES, { cartId: down, countryCode: 'JP' })).errors)).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('is never cached by a shared cache', async () => {
    const result = await h.call(guest, RATES, { cartId: randomUUID(), countryCode: 'BR' });
    expect(result.headers.get('cache-control') ?? 'no-store').not.toMatch(/public/);
  });
});
