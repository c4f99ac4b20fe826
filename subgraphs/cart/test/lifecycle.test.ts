import { randomUUID } from 'node:crypto';
import { waitFor } from '../../../platform/infra/processes';
import { publish } from '../../../platform/queue/outbox';
import {
  CART, CART_CREATE, type CartHarness, CODES_UPDATE, CONVERT, customer, errorCodes, gqlCodes, guest, LINES_ADD, MERGE, startCart, testClock,
} from './helpers';
import { service } from '../../../platform/testing/callers';

const orders = service('orders');
const users = service('users');

let h: CartHarness;
beforeAll(async () => {
  h = await startCart();
});
afterAll(() => h?.stop());

const create = async (caller: Parameters<CartHarness['call']>[0], lines: { productId: string; quantity: number }[]) =>
  (await h.call(caller, CART_CREATE, { input: { lines } })).data!.cartCreate.cart;

describe('merging a guest cart', () => {
  it('adds quantities, caps them by the stock with a warning, and retires the guest cart', async () => {
    const [shared, guestOnly, scarce] = [await h.product(10), await h.product(10), await h.product(3)];
    const me = customer();
    await create(me, [{ productId: shared, quantity: 2 }, { productId: scarce, quantity: 2 }]);
    const g = await create(guest, [{ productId: shared, quantity: 3 }, { productId: guestOnly, quantity: 1 }, { productId: scarce, quantity: 1 }]);
    await h.catalog.sql('UPDATE stock_levels SET on_hand = 2 WHERE product_id = $1', [scarce]);
    const res = (await h.call(users, MERGE, { guestCartId: g.id, userId: me.userId })).data!.mergeGuestCart;
    expect(res).toMatchObject({ merged: true, userErrors: [] });
    const qty = Object.fromEntries(res.cart.lines.map((l: { product: { id: string }; quantity: number }) => [l.product.id, l.quantity]));
    expect(qty).toEqual({ [shared]: 5, [scarce]: 2, [guestOnly]: 1 });
    // 2 + 1 scarce units wanted, 2 available: capped, with a warning on that line (now and on every read)
    const scarceLine = res.cart.lines.find((l: { product: { id: string } }) => l.product.id === scarce);
    expect(res.warnings).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_STOCK', lineId: scarceLine.id })]);
    expect(res.cart.warnings).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_STOCK', lineId: scarceLine.id })]);
    const g2 = await create(guest, [{ productId: shared, quantity: 8 }]);
    const capped = (await h.call(users, MERGE, { guestCartId: g2.id, userId: me.userId })).data!.mergeGuestCart;
    expect(capped.cart.lines.find((l: { product: { id: string } }) => l.product.id === shared).quantity).toBe(10);
    expect(capped.warnings).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_STOCK' })]);
    expect(capped.cart.warnings.map((w: { code: string }) => w.code)).toContain('INSUFFICIENT_STOCK');
    // the guest carts are gone for guests: not readable, not changeable
    expect((await h.call(guest, CART, { id: g.id })).data!.cart).toBeNull();
    const add = (await h.call(guest, LINES_ADD, { cartId: g.id, lines: [{ productId: shared, quantity: 1 }] })).data!.cartLinesAdd;
    expect(errorCodes(add)).toEqual(['NOT_FOUND']);
  });

  it('is idempotent; an unknown or a customer cart is not merged', async () => {
    const p = await h.product(10);
    const me = customer();
    const g = await create(guest, [{ productId: p, quantity: 1 }]);
    await h.call(guest, CODES_UPDATE, { cartId: g.id, codes: ['SOMECODE'] });
    const first = (await h.call(users, MERGE, { guestCartId: g.id, userId: me.userId })).data!.mergeGuestCart;
    const again = (await h.call(users, MERGE, { guestCartId: g.id, userId: me.userId })).data!.mergeGuestCart;
    expect([first.merged, again.merged]).toEqual([true, false]);
    expect(again.cart.totalQuantity).toBe(1);
    expect(again.cart.discountCodes.map((c: { code: string }) => c.code)).toEqual(['SOMECODE']);
    const someoneElse = customer();
    expect(errorCodes((await h.call(users, MERGE, { guestCartId: g.id, userId: someoneElse.userId })).data!.mergeGuestCart)).toEqual(['NOT_FOUND']);
    const theirs = await create(customer(), [{ productId: p, quantity: 1 }]);
    expect(errorCodes((await h.call(users, MERGE, { guestCartId: theirs.id, userId: me.userId })).data!.mergeGuestCart)).toEqual(['NOT_FOUND']);
    expect(errorCodes((await h.call(users, MERGE, { guestCartId: randomUUID(), userId: me.userId })).data!.mergeGuestCart)).toEqual(['NOT_FOUND']);
    expect(gqlCodes((await h.call(guest, MERGE, { guestCartId: g.id, userId: me.userId })).errors)).toEqual(['FORBIDDEN']);
    expect(gqlCodes((await h.call(orders, MERGE, { guestCartId: g.id, userId: me.userId })).errors)).toEqual(['FORBIDDEN']);
  });

  it('the customer.signed-in event merges when the login could not', async () => {
    const p = await h.product(10);
    const me = customer();
    const g = await create(guest, [{ productId: p, quantity: 2 }]);
    await h.deps.database.dataSource.transaction((m) => publish(m, 'customer.signed-in', { userId: me.userId, guestCartId: g.id }));
    await waitFor('the event to merge the guest cart', async () => (await h.sql('SELECT status FROM carts WHERE id = $1', [g.id]))[0].status === 'MERGED', 15_000);
    const [row] = await h.sql(`SELECT l.quantity FROM carts c JOIN cart_lines l ON l.cart_id = c.id WHERE c.user_id = $1 AND c.status = 'ACTIVE'`, [me.userId]);
    expect(row.quantity).toBe(2);
  });
});

describe('conversion and abandonment', () => {
  it('convertCart is idempotent for the same order, and the cart no longer changes', async () => {
    const p = await h.product(10);
    const me = customer();
    const cart = await create(me, [{ productId: p, quantity: 1 }]);
    const orderId = randomUUID();
    for (let i = 0; i < 2; i += 1) {
      expect((await h.call(orders, CONVERT, { cartId: cart.id, orderId })).data!.convertCart).toEqual({ cart: { id: cart.id, status: 'CONVERTED' }, userErrors: [] });
    }
    expect(errorCodes((await h.call(orders, CONVERT, { cartId: cart.id, orderId: randomUUID() })).data!.convertCart)).toEqual(['CART_NOT_ACTIVE']);
    const add = (await h.call(me, LINES_ADD, { cartId: cart.id, lines: [{ productId: p, quantity: 1 }] })).data!.cartLinesAdd;
    expect(errorCodes(add)).toEqual(['CART_NOT_ACTIVE']);
    // the customer's next cart is a new, empty one
    const next = await create(me, []);
    expect(next.id).not.toBe(cart.id);
    expect(next.totalQuantity).toBe(0);
  });

  it('idle carts become ABANDONED by the repeating job; a customer cart with items announces cart.abandoned', async () => {
    const p = await h.product(10);
    const me = customer();
    const mine = await create(me, [{ productId: p, quantity: 3 }]);
    const guestCart = await create(guest, [{ productId: p, quantity: 1 }]);
    testClock.offsetMs = 8 * 86_400_000;
    try {
      await waitFor('the sweep to abandon both carts', async () => {
        const rows = await h.sql(`SELECT status FROM carts WHERE id = ANY($1::uuid[])`, [[mine.id, guestCart.id]]);
        return rows.every((r) => r.status === 'ABANDONED');
      }, 15_000);
    } finally {
      testClock.offsetMs = 0;
    }
    const events = await h.sql(`SELECT queue, payload FROM outbox WHERE name = 'cart.abandoned' AND payload->>'cartId' = $1`, [mine.id]);
    expect(events).toEqual([{ queue: 'users', payload: expect.objectContaining({ cartId: mine.id, userId: me.userId, itemCount: 3 }) }]);
    expect(await h.sql(`SELECT 1 FROM outbox WHERE name = 'cart.abandoned' AND payload->>'cartId' = $1`, [guestCart.id])).toEqual([]);
    // still the customer's cart; a change makes it ACTIVE again
    const add = (await h.call(me, LINES_ADD, { cartId: mine.id, lines: [{ productId: p, quantity: 1 }] })).data!.cartLinesAdd;
    expect(add).toMatchObject({ userErrors: [], cart: { status: 'ACTIVE', totalQuantity: 4 } });
  });
});
