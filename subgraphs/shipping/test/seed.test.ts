import { randomUUID } from 'node:crypto';
import { seedShipping } from '../src/seed/seed-shipping';
import { cart } from './fake-cart';
import { guest, RATES, startShipping, type ShippingHarness } from './helpers';

let h: ShippingHarness;
beforeAll(async () => {
  h = await startShipping();
});
afterAll(() => h?.stop());

const rates = async (subtotal: string, weight: string, countryCode: string, postalCode?: string) => {
  const cartId = randomUUID();
  h.cart.carts.set(cartId, cart(subtotal, weight));
  const result = await h.call(guest, RATES, { cartId, countryCode, postalCode });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return (result.data!.shippingRates as { method: { name: string; carrier: string }; price: { amount: string } }[]).map((r) => `${r.method.carrier} ${r.method.name} ${r.price.amount}`);
};

describe('the demo shipping seed', () => {
  it('seeds once: a second run changes nothing', async () => {
    const first = await seedShipping(h.deps.database.dataSource);
    expect(first).toEqual({ seeded: true, counts: { zones: 4, methods: 9 } });
    const snapshot = () => h.sql('SELECT (SELECT count(*) FROM shipping_zones)::int AS z, (SELECT count(*) FROM shipping_methods)::int AS m, (SELECT count(*) FROM shipping_rate_tiers)::int AS t');
    const before = await snapshot();
    expect(await seedShipping(h.deps.database.dataSource)).toEqual({ seeded: false, counts: { zones: 0, methods: 0 } });
    expect(await snapshot()).toEqual(before);
  });

  it('gives rates for US ZIP 94105 (the west zone), the rest of the US, Thailand and every EU country, free Standard over 50.00', async () => {
    expect(await rates('20.00', '0.8', 'US', '94105')).toEqual(['USPS Standard 4.99', 'UPS Express 12.99']);
    expect(await rates('50.00', '0.8', 'US', '94105')).toEqual(['USPS Standard 0.00', 'UPS Express 12.99']);
    expect(await rates('20.00', '0.8', 'US', '10001')).toEqual(['FedEx Ground 5.99', 'USPS Standard 6.99', 'UPS Express 15.99']);
    expect(await rates('60.00', '3', 'US')).toEqual(['USPS Standard 0.00', 'FedEx Ground 9.99', 'UPS Express 21.99']);
    expect(await rates('20.00', '0.8', 'TH', '10110')).toEqual(['Kerry Express Next day 2.50', 'Thailand Post EMS 3.50']);
    for (const country of ['DE', 'FR', 'IE', 'MT', 'SE']) expect(await rates('20.00', '1', country)).toEqual(['DHL Standard 12.99', 'DHL Express 39.99']);
    expect(await rates('20.00', '1', 'GB')).toEqual([]);
  });
});
