import { randomUUID } from 'node:crypto';
import { postGraphQL } from '../../../platform/testing/graphql-client';
import {
  CART, CART_CREATE, type CartHarness, catalogAdmin, customer, errorCodes, gqlCodes, guest, LINES_ADD, LINES_REMOVE, LINES_UPDATE, SHIPPING, startCart,
} from './helpers';
import { service } from '../../../platform/testing/callers';
import { startSubgraphHarness } from '../../../platform/testing/subgraph-harness';
import { startCatalog } from '../../catalog/test/helpers';
import cart from '../src/subgraph';

const shipping = service('shipping');

let h: CartHarness;
beforeAll(async () => {
  h = await startCart();
});
afterAll(() => h?.stop());

const UPDATE_PRODUCT = `mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { userErrors { code } } }`;

async function guestCart(lines: { productId: string; quantity: number }[] = []) {
  const res = await h.call(guest, CART_CREATE, { input: { lines } });
  expect(res.data!.cartCreate.userErrors).toEqual([]);
  return res.data!.cartCreate.cart;
}

describe('guest carts', () => {
  it('are created with an unguessable id and their lines, at the current price', async () => {
    const p = await h.product(5, { price: '12.50' });
    const cart = await guestCart([{ productId: p, quantity: 2 }]);
    expect(cart.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cart).toMatchObject({ status: 'ACTIVE', totalQuantity: 2, subtotal: { amount: '25.00', currencyCode: 'USD' }, total: { amount: '25.00' }, warnings: [] });
    expect(cart.lines).toEqual([
      expect.objectContaining({ quantity: 2, unitPrice: { amount: '12.50', currencyCode: 'USD' }, lineTotal: { amount: '25.00', currencyCode: 'USD' }, product: { id: p } }),
    ]);
    const [row] = await h.sql('SELECT user_id FROM carts WHERE id = $1', [cart.id]);
    expect(row.user_id).toBeNull();
  });

  it('adding a product already in the cart raises its quantity', async () => {
    const p = await h.product(10);
    const cart = await guestCart([{ productId: p, quantity: 1 }]);
    const res = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [{ productId: p, quantity: 2 }, { productId: p, quantity: 1 }] });
    expect(res.data!.cartLinesAdd.userErrors).toEqual([]);
    expect(res.data!.cartLinesAdd.cart.lines).toEqual([expect.objectContaining({ id: cart.lines[0].id, quantity: 4 })]);
  });

  it('PRODUCT_NOT_FOUND for unknown, malformed and not ACTIVE products; nothing changes', async () => {
    const draft = await h.product(5, { status: 'DRAFT' });
    const ok = await h.product(5);
    const cart = await guestCart();
    for (const productId of [randomUUID(), 'not-an-id', draft]) {
      const res = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [{ productId: ok, quantity: 1 }, { productId, quantity: 1 }] });
      expect(res.data!.cartLinesAdd.userErrors).toEqual([expect.objectContaining({ code: 'PRODUCT_NOT_FOUND', field: 'lines.1.productId' })]);
      expect(res.data!.cartLinesAdd.cart.lines).toEqual([]);
    }
    const created = await h.call(guest, CART_CREATE, { input: { lines: [{ productId: draft, quantity: 1 }] } });
    expect(created.data!.cartCreate).toMatchObject({ cart: null, userErrors: [{ code: 'PRODUCT_NOT_FOUND' }] });
  });

  it('OUT_OF_STOCK beyond the available units, counting what the cart holds', async () => {
    const p = await h.product(3);
    const cart = await guestCart([{ productId: p, quantity: 2 }]);
    const res = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [{ productId: p, quantity: 2 }] });
    expect(errorCodes(res.data!.cartLinesAdd)).toEqual(['OUT_OF_STOCK']);
    expect(res.data!.cartLinesAdd.cart.lines[0].quantity).toBe(2);
  });

  it('INVALID for a quantity below 1 or above the line limit, and for an empty list', async () => {
    const p = await h.product(2000);
    const cart = await guestCart();
    for (const quantity of [0, -3, 1000]) {
      const res = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [{ productId: p, quantity }] });
      expect(res.data!.cartLinesAdd.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: 'lines.0.quantity' })]);
    }
    const full = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [{ productId: p, quantity: 999 }] });
    expect(full.data!.cartLinesAdd.userErrors).toEqual([]);
    const over = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [{ productId: p, quantity: 1 }] });
    expect(errorCodes(over.data!.cartLinesAdd)).toEqual(['INVALID']);
    const none = await h.call(guest, LINES_ADD, { cartId: cart.id, lines: [] });
    expect(errorCodes(none.data!.cartLinesAdd)).toEqual(['INVALID']);
  });

  it('updates quantities, 0 removes the line; NOT_FOUND for a line of another cart', async () => {
    const [a, b] = [await h.product(10), await h.product(10)];
    const cart = await guestCart([{ productId: a, quantity: 1 }, { productId: b, quantity: 1 }]);
    const other = await guestCart([{ productId: a, quantity: 1 }]);
    const [la, lb] = cart.lines;
    const res = await h.call(guest, LINES_UPDATE, { cartId: cart.id, lines: [{ id: la.id, quantity: 5 }, { id: lb.id, quantity: 0 }] });
    expect(res.data!.cartLinesUpdate.userErrors).toEqual([]);
    expect(res.data!.cartLinesUpdate.cart.lines).toEqual([expect.objectContaining({ id: la.id, quantity: 5 })]);
    const foreign = await h.call(guest, LINES_UPDATE, { cartId: cart.id, lines: [{ id: other.lines[0].id, quantity: 2 }] });
    expect(foreign.data!.cartLinesUpdate.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'lines.0.id' })]);
    const tooMany = await h.call(guest, LINES_UPDATE, { cartId: cart.id, lines: [{ id: la.id, quantity: 11 }] });
    expect(errorCodes(tooMany.data!.cartLinesUpdate)).toEqual(['OUT_OF_STOCK']);
    const negative = await h.call(guest, LINES_UPDATE, { cartId: cart.id, lines: [{ id: la.id, quantity: -1 }] });
    expect(errorCodes(negative.data!.cartLinesUpdate)).toEqual(['INVALID']);
  });

  it('removes lines; an id not in the cart is NOT_FOUND and nothing is removed', async () => {
    const [a, b] = [await h.product(10), await h.product(10)];
    const cart = await guestCart([{ productId: a, quantity: 1 }, { productId: b, quantity: 1 }]);
    const bad = await h.call(guest, LINES_REMOVE, { cartId: cart.id, lineIds: [cart.lines[0].id, randomUUID()] });
    expect(bad.data!.cartLinesRemove.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'lineIds.1' })]);
    expect(bad.data!.cartLinesRemove.cart.lines).toHaveLength(2);
    const res = await h.call(guest, LINES_REMOVE, { cartId: cart.id, lineIds: [cart.lines[0].id] });
    expect(res.data!.cartLinesRemove.cart.lines.map((l: { id: string }) => l.id)).toEqual([cart.lines[1].id]);
  });

  it('keeps the unit price of when a line was added; totals and warnings follow the catalog', async () => {
    const p = await h.product(3, { price: '10.00' });
    const q = await h.product(5, { price: '4.00' });
    const cart = await guestCart([{ productId: p, quantity: 2 }, { productId: q, quantity: 1 }]);
    const [lp, lq] = cart.lines;
    expect((await h.catalog.call(catalogAdmin, UPDATE_PRODUCT, { id: p, input: { salePrice: '8.00' } })).data!.updateProduct.userErrors).toEqual([]);
    expect((await h.catalog.call(catalogAdmin, UPDATE_PRODUCT, { id: q, input: { status: 'ARCHIVED' } })).data!.updateProduct.userErrors).toEqual([]);
    await h.catalog.sql('UPDATE stock_levels SET on_hand = 1 WHERE product_id = $1', [p]);
    const read = (await h.call(guest, CART, { id: cart.id })).data!.cart;
    expect(read.lines[0]).toMatchObject({ unitPrice: { amount: '10.00' }, currentUnitPrice: { amount: '8.00' }, lineTotal: { amount: '16.00' } });
    expect(read.subtotal.amount).toBe('20.00');
    expect(read.warnings.map((w: { code: string; lineId: string }) => [w.code, w.lineId]).sort()).toEqual(
      [['INSUFFICIENT_STOCK', lp.id], ['PRICE_CHANGED', lp.id], ['PRODUCT_UNAVAILABLE', lq.id]].sort(),
    );
  });
});

describe('customer carts and privacy', () => {
  it('cartCreate signed in answers the one open cart of the customer', async () => {
    const me = customer();
    const p = await h.product(10);
    const first = (await h.call(me, CART_CREATE, { input: { lines: [{ productId: p, quantity: 1 }] } })).data!.cartCreate;
    const again = (await h.call(me, CART_CREATE, {})).data!.cartCreate;
    expect(again.cart.id).toBe(first.cart.id);
    expect(again.cart.totalQuantity).toBe(1);
    const [{ n }] = await h.sql('SELECT count(*)::int AS n FROM carts WHERE user_id = $1', [me.userId]);
    expect(n).toBe(1);
  });

  it("nobody else reads or changes a customer's cart through its id", async () => {
    const me = customer();
    const p = await h.product(10);
    const mine = (await h.call(me, CART_CREATE, { input: { lines: [{ productId: p, quantity: 1 }] } })).data!.cartCreate.cart;
    for (const who of [guest, customer()]) {
      expect((await h.call(who, CART, { id: mine.id })).data!.cart).toBeNull();
      const add = (await h.call(who, LINES_ADD, { cartId: mine.id, lines: [{ productId: p, quantity: 1 }] })).data!.cartLinesAdd;
      expect(add).toEqual({ cart: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: 'cartId' })] });
      const remove = (await h.call(who, LINES_REMOVE, { cartId: mine.id, lineIds: [mine.lines[0].id] })).data!.cartLinesRemove;
      expect(remove.cart).toBeNull();
      expect(errorCodes(remove)).toEqual(['NOT_FOUND']);
    }
    expect((await h.call(me, CART, { id: mine.id })).data!.cart.totalQuantity).toBe(1);
  });

  it('refuses callers without the internal credential (401) and internal queries to the gateway (FORBIDDEN)', async () => {
    const cart = await guestCart();
    const bare = await postGraphQL(h.subgraph.url, CART, { id: cart.id });
    expect(bare.status).toBe(401);
    const viaGateway = await h.call(guest, SHIPPING, { id: cart.id });
    expect(gqlCodes(viaGateway.errors)).toEqual(['FORBIDDEN']);
    // another service than shipping is refused too
    expect(gqlCodes((await h.call(service('orders'), SHIPPING, { id: cart.id })).errors)).toEqual(['FORBIDDEN']);
  });

  it('cartForShipping gives shipping the subtotal and the weight', async () => {
    const p = await h.product(10, { price: '3.00', weight: '0.250' });
    const q = await h.product(10, { price: '1.50' });
    const cart = await guestCart([{ productId: p, quantity: 4 }, { productId: q, quantity: 2 }]);
    const res = await h.call(shipping, SHIPPING, { id: cart.id });
    expect(res.data!.cartForShipping).toEqual({ id: cart.id, subtotal: { amount: '15.00' }, total: { amount: '15.00' }, weight: '1.000', currencyCode: 'USD', totalQuantity: 6 });
    expect((await h.call(shipping, SHIPPING, { id: randomUUID() })).data!.cartForShipping).toBeNull();
  });
});

describe('without the catalog', () => {
  let lone: Awaited<ReturnType<typeof startSubgraphHarness>>;
  beforeAll(async () => {
    // the catalog's port, once it has stopped: nothing answers there
    const catalog = await startCatalog();
    const url = catalog.subgraph.url;
    await catalog.stop();
    lone = await startSubgraphHarness(cart, { CATALOG_URL: url, CART_CATALOG_TIMEOUT_MS: '1000' });
  });
  afterAll(() => lone?.stop());

  it('an operation that needs prices fails with SERVICE_UNAVAILABLE and creates nothing', async () => {
    const res = await lone.call(guest, CART_CREATE, { input: { lines: [{ productId: randomUUID(), quantity: 1 }] } });
    expect(gqlCodes(res.errors)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(await lone.sql('SELECT id FROM carts')).toEqual([]);
  });
});
