import { randomUUID } from 'node:crypto';
import { countStatements } from '../platform/db/statement-log';
import { waitFor } from '../platform/infra/processes';
import { callerHeaders, service } from '../platform/testing/callers';
import { postGraphQL } from '../platform/testing/graphql-client';
import { cartOnTestClock, testClock } from '../subgraphs/cart/test/helpers';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

let stack: Stack;
let adminToken: string;
beforeAll(async () => {
  // the cart on a test clock, looking for idle carts every 200 ms
  stack = await startStack({}, { cart: { CART_ABANDON_SWEEP_MS: '200' } }, { cart: cartOnTestClock });
  adminToken = await stack.adminToken();
});
afterAll(() => stack?.stop());

let n = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n += 1)}`;
const codes = (errors?: { extensions?: Record<string, unknown> }[]) => (errors ?? []).map((e) => e.extensions?.code);
const errorsOf = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
type Line = { productId: string; quantity: number };

async function product(stock: number, input: Record<string, unknown> = {}) {
  const res = await stack.call(adminOp.CreateProduct, { input: { name: unique('Cart product'), sku: unique('SKU'), price: '10.00', status: 'ACTIVE', ...input } }, adminToken);
  expect(res.data!.createProduct.userErrors).toEqual([]);
  const id = res.data!.createProduct.product.id as string;
  if (stock) {
    const adjusted = await stack.call(adminOp.AdjustInventory, { input: { productId: id, delta: stock, reason: 'delivery' } }, adminToken);
    expect(adjusted.data!.adjustInventory.userErrors).toEqual([]);
  }
  return id;
}

async function guestCart(lines: Line[] = []) {
  const res = await stack.call(op.CartCreate, { input: { lines } });
  expect(res.data!.cartCreate.userErrors).toEqual([]);
  return res.data!.cartCreate.cart;
}

/** Calls the cart subgraph directly as the orders subgraph would (internal operations). */
const asOrders = (query: string, variables: Record<string, unknown>) =>
  postGraphQL(stack.subgraphs.cart.url, query, variables, callerHeaders(stack.subgraphs.cart.deps.config.internalSecret, 'cart', service('orders')));

describe('cart through the gateway', () => {
  it('CartCreate, Cart, CartLinesAdd, CartLinesUpdate, CartLinesRemove for a guest', async () => {
    const [a, b] = [await product(10, { price: '19.99' }), await product(10, { price: '5.00' })];
    const cart = await guestCart([{ productId: a, quantity: 1 }]);
    expect(cart).toMatchObject({ totalQuantity: 1, subtotal: { amount: '19.99', currencyCode: 'USD' }, discountCodes: [] });
    expect(cart.lines[0].product).toMatchObject({ id: a, price: { amount: '19.99' }, inStock: true });

    const added = (await stack.call(op.CartLinesAdd, { cartId: cart.id, lines: [{ productId: a, quantity: 2 }, { productId: b, quantity: 1 }] })).data!.cartLinesAdd;
    expect(added.userErrors).toEqual([]);
    expect(added.cart.lines.map((l: { quantity: number }) => l.quantity)).toEqual([3, 1]);
    expect(added.cart).toMatchObject({ totalQuantity: 4, subtotal: { amount: '64.97' }, total: { amount: '64.97' } });

    const [la, lb] = added.cart.lines;
    const updated = (await stack.call(op.CartLinesUpdate, { cartId: cart.id, lines: [{ id: la.id, quantity: 2 }, { id: lb.id, quantity: 0 }] })).data!.cartLinesUpdate;
    expect(updated).toMatchObject({ userErrors: [], cart: { totalQuantity: 2, lines: [{ id: la.id, quantity: 2, lineTotal: { amount: '39.98' } }] } });

    const removed = (await stack.call(op.CartLinesRemove, { cartId: cart.id, lineIds: [la.id] })).data!.cartLinesRemove;
    expect(removed).toMatchObject({ userErrors: [], cart: { lines: [], totalQuantity: 0, total: { amount: '0.00' } } });

    expect((await stack.call(op.Cart, { id: cart.id })).data!.cart.id).toBe(cart.id);
    expect((await stack.call(op.Cart, { id: randomUUID() })).data!.cart).toBeNull();
  });

  it('PRODUCT_NOT_FOUND, OUT_OF_STOCK, INVALID and NOT_FOUND userErrors', async () => {
    const scarce = await product(2);
    const inactive = await product(5, { status: 'DRAFT' });
    const cart = await guestCart();
    const add = async (lines: Line[], cartId = cart.id) => (await stack.call(op.CartLinesAdd, { cartId, lines })).data!.cartLinesAdd;
    expect(errorsOf(await add([{ productId: randomUUID(), quantity: 1 }]))).toEqual(['PRODUCT_NOT_FOUND']);
    expect(errorsOf(await add([{ productId: inactive, quantity: 1 }]))).toEqual(['PRODUCT_NOT_FOUND']);
    expect(errorsOf(await add([{ productId: scarce, quantity: 3 }]))).toEqual(['OUT_OF_STOCK']);
    expect(errorsOf(await add([{ productId: scarce, quantity: 0 }]))).toEqual(['INVALID']);
    expect(errorsOf(await add([{ productId: scarce, quantity: 1 }], randomUUID()))).toEqual(['NOT_FOUND']);
    const ok = await add([{ productId: scarce, quantity: 2 }]);
    expect(ok.userErrors).toEqual([]);
    const update = (await stack.call(op.CartLinesUpdate, { cartId: cart.id, lines: [{ id: ok.cart.lines[0].id, quantity: 3 }] })).data!.cartLinesUpdate;
    expect(errorsOf(update)).toEqual(['OUT_OF_STOCK']);
    const remove = (await stack.call(op.CartLinesRemove, { cartId: cart.id, lineIds: [randomUUID()] })).data!.cartLinesRemove;
    expect(errorsOf(remove)).toEqual(['NOT_FOUND']);
  });

  it("MyCart is the customer's own cart; nobody else reads or changes it by id; no credential → 401", async () => {
    const p = await product(10);
    const me = await stack.registerCustomer();
    const other = await stack.registerCustomer();
    const created = (await stack.call(op.CartCreate, { input: { lines: [{ productId: p, quantity: 2 }] } }, me.accessToken)).data!.cartCreate.cart;
    const mine = (await stack.call(op.MyCart, {}, me.accessToken)).data!.me;
    expect(mine).toMatchObject({ id: me.userId, cart: { id: created.id, totalQuantity: 2 } });

    for (const token of [other.accessToken, undefined]) {
      expect((await stack.call(op.Cart, { id: created.id }, token)).data!.cart).toBeNull();
      const add = (await stack.call(op.CartLinesAdd, { cartId: created.id, lines: [{ productId: p, quantity: 1 }] }, token)).data!.cartLinesAdd;
      expect(add).toEqual({ cart: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
      const codesRes = (await stack.call(op.CartDiscountCodesUpdate, { cartId: created.id, codes: ['X'] }, token)).data!.cartDiscountCodesUpdate;
      expect(errorsOf(codesRes)).toEqual(['NOT_FOUND']);
    }
    expect((await stack.call(op.MyCart, {}, other.accessToken)).data!.me.cart).toMatchObject({ totalQuantity: 0 });
    expect((await stack.call(op.MyCart, {}, other.accessToken)).data!.me.cart.id).not.toBe(created.id);

    const direct = await postGraphQL(stack.subgraphs.cart.url, `{ cart(id: "${created.id}") { id } }`);
    expect(direct.status).toBe(401);
  });

  it('CreateDiscountCode (staff only) and CartDiscountCodesUpdate with DISCOUNT_CODE_INVALID', async () => {
    const code = unique('WELCOME').toUpperCase().replace(/-/g, '');
    const created = (await stack.call(adminOp.CreateDiscountCode, { input: { code, kind: 'PERCENTAGE', value: '25', usageLimit: 10, expiresAt: '2099-01-01T00:00:00Z' } }, adminToken)).data!.createDiscountCode;
    expect(created).toEqual({ discountCode: { code, kind: 'PERCENTAGE', value: '25.00', usageLimit: 10, usageCount: 0, expiresAt: '2099-01-01T00:00:00.000Z' }, userErrors: [] });
    const customer = await stack.registerCustomer();
    expect(codes((await stack.call(adminOp.CreateDiscountCode, { input: { code: unique('X'), kind: 'FIXED_AMOUNT', value: '1' } }, customer.accessToken)).errors)).toEqual(['FORBIDDEN']);
    const expired = unique('OLD').toUpperCase();
    await stack.call(adminOp.CreateDiscountCode, { input: { code: expired, kind: 'FIXED_AMOUNT', value: '5', expiresAt: '2020-01-01T00:00:00Z' } }, adminToken);
    const min = unique('MIN').toUpperCase();
    await stack.call(adminOp.CreateDiscountCode, { input: { code: min, kind: 'FIXED_AMOUNT', value: '5', minimumSubtotal: '1000' } }, adminToken);

    const cart = await guestCart([{ productId: await product(5, { price: '40.00' }), quantity: 1 }]);
    const res = (await stack.call(op.CartDiscountCodesUpdate, { cartId: cart.id, codes: [code.toLowerCase(), 'NOPE-NOPE', expired, min] })).data!.cartDiscountCodesUpdate;
    expect(res.cart.discountCodes).toEqual([
      { code, applicable: true },
      { code: 'NOPE-NOPE', applicable: false },
      { code: expired, applicable: false },
      { code: min, applicable: false },
    ]);
    expect(errorsOf(res)).toEqual(['DISCOUNT_CODE_INVALID', 'DISCOUNT_CODE_INVALID', 'DISCOUNT_CODE_INVALID']);
    expect(res.cart).toMatchObject({ subtotal: { amount: '40.00' }, discountTotal: { amount: '10.00' }, total: { amount: '30.00' } });
  });

  it('20 concurrent redemptions of a code with usageLimit 1: exactly one succeeds', async () => {
    const code = unique('ONE').toUpperCase();
    await stack.call(adminOp.CreateDiscountCode, { input: { code, kind: 'FIXED_AMOUNT', value: '3', usageLimit: 1 } }, adminToken);
    const p = await product(100);
    const carts = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const cart = await guestCart([{ productId: p, quantity: 1 }]);
        await stack.call(op.CartDiscountCodesUpdate, { cartId: cart.id, codes: [code] });
        return cart.id as string;
      }),
    );
    const REDEEM = `mutation ($reference: String!, $cartId: ID!) { redeemDiscountCodes(reference: $reference, cartId: $cartId) { redemptions { code } userErrors { code } } }`;
    const results = await Promise.all(carts.map((cartId) => asOrders(REDEEM, { reference: randomUUID(), cartId })));
    const won = results.filter((r) => r.data!.redeemDiscountCodes.redemptions.length === 1 && !r.data!.redeemDiscountCodes.userErrors.length);
    const refused = results.filter((r) => errorsOf(r.data!.redeemDiscountCodes).includes('DISCOUNT_CODE_INVALID'));
    expect([won.length, refused.length]).toEqual([1, 19]);
    // the internal operations are not part of the public API
    expect(codes((await stack.call(REDEEM, { reference: 'x', cartId: carts[0] })).errors)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('warnings: PRICE_CHANGED, INSUFFICIENT_STOCK, PRODUCT_UNAVAILABLE', async () => {
    const [p, q] = [await product(5, { price: '10.00' }), await product(5, { price: '4.00' })];
    const cart = await guestCart([{ productId: p, quantity: 3 }, { productId: q, quantity: 1 }]);
    const [lp, lq] = cart.lines;
    await stack.call(adminOp.UpdateProduct, { id: p, input: { price: '12.00' } }, adminToken);
    await stack.call(adminOp.AdjustInventory, { input: { productId: p, delta: -4, reason: 'damaged' } }, adminToken);
    await stack.call(adminOp.UpdateProduct, { id: q, input: { status: 'ARCHIVED' } }, adminToken);
    const read = (await stack.call(op.CartDetails, { id: cart.id })).data!.cart;
    expect(read.warnings.map((w: { code: string; lineId: string }) => `${w.code}:${w.lineId}`).sort()).toEqual(
      [`INSUFFICIENT_STOCK:${lp.id}`, `PRICE_CHANGED:${lp.id}`, `PRODUCT_UNAVAILABLE:${lq.id}`].sort(),
    );
    const line = read.lines.find((l: { id: string }) => l.id === lp.id);
    expect(line).toMatchObject({ unitPrice: { amount: '10.00' }, currentUnitPrice: { amount: '12.00' }, lineTotal: { amount: '36.00' } });
  });
});

describe('merge at sign-in', () => {
  it('Login with guestCartId merges into the customer cart, visible in the very next MyCart', async () => {
    const [a, b] = [await product(10), await product(3)];
    const me = await stack.registerCustomer();
    const before = (await stack.call(op.CartCreate, { input: { lines: [{ productId: a, quantity: 1 }, { productId: b, quantity: 2 }] } }, me.accessToken)).data!.cartCreate;
    expect(before).toMatchObject({ userErrors: [], cart: { totalQuantity: 3 } });
    const g = await guestCart([{ productId: a, quantity: 2 }, { productId: b, quantity: 2 }]);
    const login = (await stack.call(op.Login, { input: { email: me.email, password: me.password, guestCartId: g.id } })).data!.login;
    expect(login.userErrors).toEqual([]);
    const mine = (await stack.call(op.MyCart, {}, login.accessToken)).data!.me.cart;
    const qty = Object.fromEntries(mine.lines.map((l: { product: { id: string }; quantity: number }) => [l.product.id, l.quantity]));
    expect(qty).toEqual({ [a]: 3, [b]: 3 });
    // capped at the 3 available, with a warning
    const details = (await stack.call(op.CartDetails, { id: mine.id }, login.accessToken)).data!.cart;
    expect(details.warnings.map((w: { code: string }) => w.code)).toEqual(['INSUFFICIENT_STOCK']);
    // the guest cart is gone for guests
    expect((await stack.call(op.Cart, { id: g.id })).data!.cart).toBeNull();
    const add = (await stack.call(op.CartLinesAdd, { cartId: g.id, lines: [{ productId: a, quantity: 1 }] })).data!.cartLinesAdd;
    expect(errorsOf(add)).toEqual(['NOT_FOUND']);
  });

  it("an unknown guestCartId or someone else's cart is ignored: login succeeds, nothing merged", async () => {
    const p = await product(10);
    const me = await stack.registerCustomer();
    const other = await stack.registerCustomer();
    const theirs = (await stack.call(op.CartCreate, { input: { lines: [{ productId: p, quantity: 4 }] } }, other.accessToken)).data!.cartCreate.cart;
    for (const guestCartId of [randomUUID(), theirs.id, 'not-a-cart']) {
      const login = (await stack.call(op.Login, { input: { email: me.email, password: me.password, guestCartId } })).data!.login;
      expect(login.userErrors).toEqual([]);
      expect((await stack.call(op.MyCart, {}, login.accessToken)).data!.me.cart.totalQuantity).toBe(0);
    }
    expect((await stack.call(op.MyCart, {}, other.accessToken)).data!.me.cart).toMatchObject({ id: theirs.id, totalQuantity: 4 });
  });
});

describe('costs and lifecycle', () => {
  it('reading a cart of 1 line and of 50 lines costs the same statements on cart and on catalog', async () => {
    const products = [];
    for (let i = 0; i < 50; i += 1) products.push(await product(5));
    const small = await guestCart([{ productId: products[0], quantity: 1 }]);
    const big = await guestCart(products.map((productId) => ({ productId, quantity: 1 })));
    const cartLog = stack.subgraphs.cart.deps.database.statements;
    const catalogLog = stack.subgraphs.catalog.deps.database.statements;
    const measure = async (id: string) => {
      await stack.call(op.Cart, { id }); // warm the catalog's product cache, as on any shop
      let catalog = 0;
      const { result, counts } = await countStatements([cartLog], async () => {
        const inner = await countStatements([catalogLog], () => stack.call(op.Cart, { id }));
        catalog = inner.counts.total;
        return inner.result;
      });
      expect(result.data!.cart.lines.length).toBeGreaterThan(0);
      return { cart: counts.total, catalog };
    };
    const one = await measure(small.id);
    const fifty = await measure(big.id);
    console.log(`statements to read a cart: 1 line ${JSON.stringify(one)}, 50 lines ${JSON.stringify(fifty)}`);
    expect(fifty).toEqual(one);
    expect(one.cart).toBeGreaterThan(0);
  });

  it('an idle customer cart is ABANDONED by the repeating job and users mails a reminder', async () => {
    const p = await product(10);
    const me = await stack.registerCustomer('Idle Shopper');
    const cart = (await stack.call(op.CartCreate, { input: { lines: [{ productId: p, quantity: 2 }] } }, me.accessToken)).data!.cartCreate.cart;
    const usersSql = (sql: string, params: unknown[]) => stack.subgraphs.users.deps.database.dataSource.query(sql, params);
    testClock.offsetMs = 8 * 86_400_000;
    try {
      await waitFor('the reminder e-mail', async () => (await usersSql(`SELECT 1 FROM notifications WHERE user_id = $1 AND template = 'cart-abandoned'`, [me.userId])).length === 1, 20_000);
    } finally {
      testClock.offsetMs = 0;
    }
    const [mail] = await usersSql(`SELECT recipient, subject, body FROM notifications WHERE user_id = $1 AND template = 'cart-abandoned'`, [me.userId]);
    expect(mail).toMatchObject({ recipient: me.email, subject: 'You left something in your cart', body: expect.stringContaining('2 items') });
    const mine = (await stack.call(op.MyCart, {}, me.accessToken)).data!.me.cart;
    expect(mine).toMatchObject({ id: cart.id, totalQuantity: 2 });
  });
});
