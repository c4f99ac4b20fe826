import { sharedStack } from './shared-stack';
import type { StackClient } from './stack-client';
import { admin as adminOp, storefront as op } from './operations';

/** Rates of a real cart need the cart subgraph (shipping asks it for the cart's subtotal and weight). */

type Rate = { method: { name: string; carrier: string }; price: { amount: string; currencyCode: string } };

describe('ShippingRates of a cart through the gateway', () => {
  let stack: StackClient;
  let adminToken: string;
  beforeAll(async () => {
    // with the demo zones: US ZIP 9xxxx has USPS Standard 4.99 (free from 50.00) and UPS Express by weight
    stack = await sharedStack();
    adminToken = await stack.adminToken();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function product(price: string): Promise<string> {
    const sku = `SHIP-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const created = await stack.call(adminOp.CreateProduct, { input: { name: `Parcel ${sku}`, sku, price, status: 'ACTIVE' } }, adminToken);
    expect(created.data!.createProduct.userErrors).toEqual([]);
    const id = created.data!.createProduct.product.id as string;
    const stocked = await stack.call(adminOp.AdjustInventory, { input: { productId: id, delta: 10, reason: 'delivery' } }, adminToken);
    expect(stocked.data!.adjustInventory.userErrors).toEqual([]);
    return id;
  }

  const rates = async (cartId: string): Promise<Rate[]> => {
    const res = await stack.call(op.ShippingRates, { cartId, countryCode: 'US', postalCode: '94105' });
    expect(res.errors).toBeUndefined();
    return res.data!.shippingRates;
  };
  const cents = (r: Rate) => Math.round(Number(r.price.amount) * 100);

  it('prices a fresh cart for US 94105 cheapest first, and Standard is free from a 50.00 subtotal', async () => {
    const productId = await product('20.00');
    const created = await stack.call(op.CartCreate, { input: { lines: [] } });
    expect(created.data!.cartCreate.userErrors).toEqual([]);
    const cartId = created.data!.cartCreate.cart.id as string;
    const added = await stack.call(op.CartLinesAdd, { cartId, lines: [{ productId, quantity: 1 }] });
    expect(added.data!.cartLinesAdd.userErrors).toEqual([]);

    const under = await rates(cartId);
    expect(under.length).toBeGreaterThan(0);
    expect(under.map(cents)).toEqual([...under.map(cents)].sort((a, b) => a - b));
    expect(under[0]).toMatchObject({ method: { carrier: 'USPS', name: 'Standard' }, price: { amount: '4.99', currencyCode: 'USD' } });

    // 3 × 20.00 = 60.00: over the threshold
    const more = await stack.call(op.CartLinesAdd, { cartId, lines: [{ productId, quantity: 2 }] });
    expect(more.data!.cartLinesAdd.userErrors).toEqual([]);
    const over = await rates(cartId);
    expect(over[0]).toMatchObject({ method: { carrier: 'USPS', name: 'Standard' }, price: { amount: '0.00' } });
    expect(over.map(cents)).toEqual([...over.map(cents)].sort((a, b) => a - b));
  });
});
