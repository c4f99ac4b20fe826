import { randomUUID } from 'node:crypto';
import {
  admin, CART_CREATE, type CartHarness, CODES_UPDATE, CREATE_CODE, customer, errorCodes, gqlCodes, guest, REDEEM, RELEASE, startCart, uniqueCode,
} from './helpers';
import { service } from '../../../platform/testing/callers';

const orders = service('orders');

let h: CartHarness;
beforeAll(async () => {
  h = await startCart();
});
afterAll(() => h?.stop());

async function createCode(input: Record<string, unknown>) {
  const res = await h.call(admin, CREATE_CODE, { input });
  expect(res.data!.createDiscountCode.userErrors).toEqual([]);
  return res.data!.createDiscountCode.discountCode;
}

async function cartWith(caller: Parameters<CartHarness['call']>[0], price: string, codes: string[] = []) {
  const p = await h.product(100, { price });
  const cart = (await h.call(caller, CART_CREATE, { input: { lines: [{ productId: p, quantity: 1 }] } })).data!.cartCreate.cart;
  if (codes.length) await h.call(caller, CODES_UPDATE, { cartId: cart.id, codes });
  return cart.id as string;
}

describe('createDiscountCode', () => {
  it('staff create codes, stored in upper case and unique case-insensitively', async () => {
    const code = uniqueCode('Save');
    const created = await createCode({ code, kind: 'PERCENTAGE', value: '10', usageLimit: 5, expiresAt: '2099-01-01T00:00:00Z' });
    expect(created).toMatchObject({ code: code.toUpperCase(), kind: 'PERCENTAGE', value: '10.00', usageLimit: 5, usageCount: 0, expiresAt: '2099-01-01T00:00:00.000Z' });
    const again = await h.call(admin, CREATE_CODE, { input: { code: code.toLowerCase(), kind: 'FIXED_AMOUNT', value: '5' } });
    expect(errorCodes(again.data!.createDiscountCode)).toEqual(['TAKEN']);
  });

  it('INVALID values are refused', async () => {
    for (const input of [
      { code: uniqueCode(), kind: 'PERCENTAGE', value: '101' },
      { code: uniqueCode(), kind: 'FIXED_AMOUNT', value: '0' },
      { code: uniqueCode(), kind: 'FIXED_AMOUNT', value: '1.999' },
      { code: uniqueCode(), kind: 'FIXED_AMOUNT', value: '1', minimumSubtotal: '-5' },
      { code: 'has space', kind: 'FIXED_AMOUNT', value: '1' },
      { code: uniqueCode(), kind: 'FIXED_AMOUNT', value: '1', usageLimit: 0 },
      { code: uniqueCode(), kind: 'FIXED_AMOUNT', value: '1', startsAt: '2030-01-02T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
    ]) {
      const res = await h.call(admin, CREATE_CODE, { input });
      expect(errorCodes(res.data!.createDiscountCode)).toEqual(['INVALID']);
    }
  });

  it('customers and guests may not create codes', async () => {
    for (const who of [guest, customer()]) {
      const res = await h.call(who, CREATE_CODE, { input: { code: uniqueCode(), kind: 'FIXED_AMOUNT', value: '1' } });
      expect(gqlCodes(res.errors)[0]).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    }
  });
});

describe('cartDiscountCodesUpdate', () => {
  it('applies codes case-insensitively and lists those that do not apply with DISCOUNT_CODE_INVALID', async () => {
    const pct = await createCode({ code: uniqueCode('PCT'), kind: 'PERCENTAGE', value: '10' });
    const expired = await createCode({ code: uniqueCode('OLD'), kind: 'PERCENTAGE', value: '10', expiresAt: '2020-01-01T00:00:00Z' });
    const later = await createCode({ code: uniqueCode('LATER'), kind: 'PERCENTAGE', value: '10', startsAt: '2099-01-01T00:00:00Z' });
    const min = await createCode({ code: uniqueCode('MIN'), kind: 'FIXED_AMOUNT', value: '5', minimumSubtotal: '100' });
    const cartId = await cartWith(guest, '40.00');
    const codes = [pct.code.toLowerCase(), 'NO-SUCH-CODE', expired.code, later.code, min.code];
    const res = (await h.call(guest, CODES_UPDATE, { cartId, codes })).data!.cartDiscountCodesUpdate;
    expect(res.cart.discountCodes.map((c: { code: string; applicable: boolean }) => [c.code, c.applicable])).toEqual([
      [pct.code, true],
      ['NO-SUCH-CODE', false],
      [expired.code, false],
      [later.code, false],
      [min.code, false],
    ]);
    expect(res.userErrors.map((e: { code: string; field: string }) => [e.code, e.field])).toEqual([
      ['DISCOUNT_CODE_INVALID', 'codes.1'],
      ['DISCOUNT_CODE_INVALID', 'codes.2'],
      ['DISCOUNT_CODE_INVALID', 'codes.3'],
      ['DISCOUNT_CODE_INVALID', 'codes.4'],
    ]);
    expect(res.cart).toMatchObject({ subtotal: { amount: '40.00' }, discountTotal: { amount: '4.00' }, total: { amount: '36.00' } });
    const cleared = (await h.call(guest, CODES_UPDATE, { cartId, codes: [] })).data!.cartDiscountCodesUpdate;
    expect(cleared).toMatchObject({ userErrors: [], cart: { discountCodes: [], discountTotal: { amount: '0.00' } } });
  });

  it('a fixed amount never makes the total negative', async () => {
    const big = await createCode({ code: uniqueCode('BIG'), kind: 'FIXED_AMOUNT', value: '500' });
    const cartId = await cartWith(guest, '12.00');
    const res = (await h.call(guest, CODES_UPDATE, { cartId, codes: [big.code] })).data!.cartDiscountCodesUpdate;
    expect(res.cart).toMatchObject({ discountTotal: { amount: '12.00' }, total: { amount: '0.00' } });
  });

  it('an exhausted code does not apply', async () => {
    const once = await createCode({ code: uniqueCode('ONCE'), kind: 'PERCENTAGE', value: '50', usageLimit: 1 });
    const first = await cartWith(guest, '10.00', [once.code]);
    expect((await h.call(orders, REDEEM, { reference: randomUUID(), cartId: first })).data!.redeemDiscountCodes.userErrors).toEqual([]);
    const second = await cartWith(guest, '10.00');
    const res = (await h.call(guest, CODES_UPDATE, { cartId: second, codes: [once.code] })).data!.cartDiscountCodesUpdate;
    expect(res.cart.discountCodes).toEqual([{ code: once.code, applicable: false, message: expect.stringMatching(/used up/) }]);
    expect(errorCodes(res)).toEqual(['DISCOUNT_CODE_INVALID']);
  });
});

describe('redemption', () => {
  it('20 concurrent redemptions of a code limited to one use: exactly one succeeds', async () => {
    const code = await createCode({ code: uniqueCode('LAST'), kind: 'FIXED_AMOUNT', value: '2', usageLimit: 1 });
    const carts = await Promise.all(Array.from({ length: 20 }, () => cartWith(guest, '10.00', [code.code])));
    const results = await Promise.all(carts.map((cartId) => h.call(orders, REDEEM, { reference: `order-${randomUUID()}`, cartId })));
    const payloads = results.map((r) => r.data!.redeemDiscountCodes);
    const won = payloads.filter((p) => p.userErrors.length === 0 && p.redemptions.length === 1);
    const lost = payloads.filter((p) => errorCodes(p).includes('DISCOUNT_CODE_INVALID'));
    expect([won.length, lost.length]).toEqual([1, 19]);
    expect(won[0].discountTotal.amount).toBe('2.00');
    const [row] = await h.sql('SELECT usage_count FROM discount_codes WHERE code = $1', [code.code]);
    expect(row.usage_count).toBe(1);
    const [{ n }] = await h.sql('SELECT count(*)::int AS n FROM discount_redemptions r JOIN discount_codes d ON d.id = r.discount_code_id WHERE d.code = $1', [code.code]);
    expect(n).toBe(1);
  });

  it('is idempotent per reference, and release gives the use back once', async () => {
    const code = await createCode({ code: uniqueCode('IDEM'), kind: 'PERCENTAGE', value: '10', usageLimit: 3 });
    const cartId = await cartWith(guest, '30.00', [code.code]);
    const reference = `order-${randomUUID()}`;
    const [a, b] = await Promise.all([h.call(orders, REDEEM, { reference, cartId }), h.call(orders, REDEEM, { reference, cartId })]);
    for (const r of [a, b]) expect(r.data!.redeemDiscountCodes).toMatchObject({ userErrors: [], redemptions: [{ code: code.code, amount: { amount: '3.00' }, released: false }] });
    const usage = async () => (await h.sql('SELECT usage_count FROM discount_codes WHERE code = $1', [code.code]))[0].usage_count;
    expect(await usage()).toBe(1);
    expect((await h.call(orders, RELEASE, { reference })).data!.releaseDiscountCodes.released).toBe(1);
    expect((await h.call(orders, RELEASE, { reference })).data!.releaseDiscountCodes.released).toBe(0);
    expect(await usage()).toBe(0);
    expect((await h.call(guest, RELEASE, { reference })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await h.call(service('users'), RELEASE, { reference })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await usage()).toBe(0);
  });

  it('a per-customer limit holds for the customer, not for others', async () => {
    const code = await createCode({ code: uniqueCode('PER'), kind: 'FIXED_AMOUNT', value: '1', perCustomerLimit: 1 });
    const me = customer();
    const mine = await cartWith(me, '10.00', [code.code]);
    expect((await h.call(orders, REDEEM, { reference: randomUUID(), cartId: mine })).data!.redeemDiscountCodes.userErrors).toEqual([]);
    const again = (await h.call(me, CODES_UPDATE, { cartId: mine, codes: [code.code] })).data!.cartDiscountCodesUpdate;
    expect(again.cart.discountCodes[0].applicable).toBe(false);
    const other = await cartWith(customer(), '10.00', [code.code]);
    expect((await h.call(orders, REDEEM, { reference: randomUUID(), cartId: other })).data!.redeemDiscountCodes.redemptions).toHaveLength(1);
  });
});
