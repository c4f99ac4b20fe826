import { Queue } from 'bullmq';
import { waitFor } from '../../../platform/infra/processes';
import { createRedis } from '../../../platform/redis';
import { DEFAULT_WAREHOUSE_ID } from '../migrations/1732200000000-catalog';
import { ADJUST, admin, codes, customer, guest, makeProduct, service, startCatalog, type CatalogHarness, type Caller } from './helpers';

/** Orders reserves, commits and releases stock for its checkouts. */
const orders = service('orders');

const RESERVE = `mutation ($reference: String!, $lines: [StockLineInput!]!, $ttlSeconds: Int) {
  reserveStock(reference: $reference, lines: $lines, ttlSeconds: $ttlSeconds) {
    reservation { id reference status expiresAt lines { productId warehouseId quantity } }
    userErrors { field code message }
  }
}`;
const COMMIT = `mutation ($reference: String!) { commitReservation(reference: $reference) { reservation { status } userErrors { code } } }`;
const RELEASE = `mutation ($reference: String!) { releaseReservation(reference: $reference, reason: "payment declined") { reservation { status } userErrors { code } } }`;
const RETURN = `mutation ($reference: String!, $lines: [StockLineInput!]!) { returnStock(reference: $reference, lines: $lines) { success userErrors { code field } } }`;
const INVENTORY = `query ($id: ID!, $first: Int, $after: String) {
  product(id: $id) {
    availableQuantity inStock
    inventory { warehouse { id name } onHand reserved available }
    stockMovements(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { type quantity reason referenceId createdAt warehouse { id } } }
    }
  }
}`;

let h: CatalogHarness;
let secondWarehouse: string;

beforeAll(async () => {
  h = await startCatalog({ STOCK_RESERVATION_SWEEP_MS: '200' });
  [{ id: secondWarehouse }] = await h.sql(`INSERT INTO warehouses (code, name, priority) VALUES ('EAST', 'East depot', 10) RETURNING id::text`);
});
afterAll(async () => {
  await h.stop();
});

async function level(productId: string, warehouseId = DEFAULT_WAREHOUSE_ID) {
  const [row] = await h.sql('SELECT on_hand, reserved FROM stock_levels WHERE product_id = $1 AND warehouse_id = $2', [productId, warehouseId]);
  return row ? { onHand: row.on_hand, reserved: row.reserved } : null;
}

async function movements(productId: string) {
  return h.sql('SELECT type, quantity, reason, reference_id FROM stock_movements WHERE product_id = $1 ORDER BY id', [productId]);
}

describe('inventory adjustments', () => {
  it('adds and removes on-hand stock per warehouse, recording every change in the ledger', async () => {
    const p = await makeProduct(h);
    const up = await h.call(admin, ADJUST, { input: { productId: p.id, delta: 10, reason: 'delivery' } });
    expect(up.data?.adjustInventory).toEqual({ inventory: { warehouse: { id: DEFAULT_WAREHOUSE_ID, name: 'Main warehouse' }, onHand: 10, reserved: 0, available: 10 }, userErrors: [] });
    await h.call(admin, ADJUST, { input: { productId: p.id, warehouseId: secondWarehouse, delta: 4, reason: 'transfer in' } });
    const down = await h.call(admin, ADJUST, { input: { productId: p.id, delta: -3, reason: 'damaged' } });
    expect(down.data?.adjustInventory.inventory).toMatchObject({ onHand: 7, available: 7 });

    const view = await h.call(admin, INVENTORY, { id: p.id, first: 2 });
    expect(view.errors).toBeUndefined();
    const product = view.data!.product;
    expect(product.availableQuantity).toBe(11);
    expect(product.inventory).toEqual([
      { warehouse: { id: DEFAULT_WAREHOUSE_ID, name: 'Main warehouse' }, onHand: 7, reserved: 0, available: 7 },
      { warehouse: { id: secondWarehouse, name: 'East depot' }, onHand: 4, reserved: 0, available: 4 },
    ]);
    expect(product.stockMovements.totalCount).toBe(3);
    expect(product.stockMovements.edges.map((e: { node: { quantity: number; reason: string } }) => [e.node.quantity, e.node.reason])).toEqual([
      [-3, 'damaged'],
      [4, 'transfer in'],
    ]);
    const next = await h.call(admin, INVENTORY, { id: p.id, first: 2, after: product.stockMovements.pageInfo.endCursor });
    expect(next.data!.product.stockMovements.edges.map((e: { node: { type: string; quantity: number } }) => [e.node.type, e.node.quantity])).toEqual([['ADJUSTMENT', 10]]);
    expect(next.data!.product.stockMovements.pageInfo.hasNextPage).toBe(false);
  });

  it('never lets on-hand fall below zero or below what is reserved (INSUFFICIENT_STOCK), and changes nothing then', async () => {
    const p = await makeProduct(h, {}, 5);
    await h.call(orders, RESERVE, { reference: `hold-${p.id}`, lines: [{ productId: p.id, quantity: 3 }] });
    const tooMuch = await h.call(admin, ADJUST, { input: { productId: p.id, delta: -3, reason: 'count' } });
    expect(tooMuch.data?.adjustInventory).toMatchObject({ inventory: null, userErrors: [{ code: 'INSUFFICIENT_STOCK', field: 'input.delta' }] });
    const noRow = await h.call(admin, ADJUST, { input: { productId: p.id, warehouseId: secondWarehouse, delta: -1, reason: 'count' } });
    expect(noRow.data?.adjustInventory.userErrors[0].code).toBe('INSUFFICIENT_STOCK');
    expect(await level(p.id)).toEqual({ onHand: 5, reserved: 3 });
    expect(await level(p.id, secondWarehouse)).toBeNull();
    const ok = await h.call(admin, ADJUST, { input: { productId: p.id, delta: -2, reason: 'count' } });
    expect(ok.data?.adjustInventory.inventory).toMatchObject({ onHand: 3, reserved: 3, available: 0 });
    expect((await movements(p.id)).map((m: { type: string }) => m.type)).toEqual(['ADJUSTMENT', 'RESERVATION', 'ADJUSTMENT']);
  });

  it('validates the input and the caller', async () => {
    const p = await makeProduct(h, {}, 1);
    const cases: [Record<string, unknown>, string][] = [
      [{ productId: p.id, delta: 0, reason: 'x' }, 'INVALID:input.delta'],
      [{ productId: p.id, delta: 2_000_000, reason: 'x' }, 'INVALID:input.delta'],
      [{ productId: p.id, delta: 1, reason: '  ' }, 'INVALID:input.reason'],
      [{ productId: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', delta: 1, reason: 'x' }, 'NOT_FOUND:input.productId'],
      [{ productId: 'nope', delta: 1, reason: 'x' }, 'NOT_FOUND:input.productId'],
      [{ productId: p.id, warehouseId: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', delta: 1, reason: 'x' }, 'NOT_FOUND:input.warehouseId'],
    ];
    for (const [input, expected] of cases) {
      const result = await h.call(admin, ADJUST, { input });
      const errors = result.data?.adjustInventory.userErrors.map((e: { code: string; field: string }) => `${e.code}:${e.field}`);
      expect({ input, errors }).toEqual({ input, errors: [expected] });
    }
    expect(codes((await h.call(customer(), ADJUST, { input: { productId: p.id, delta: 5, reason: 'x' } })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await h.call(guest, ADJUST, { input: { productId: p.id, delta: 5, reason: 'x' } })).errors)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await h.call(customer(), INVENTORY, { id: p.id })).errors)).toContain('FORBIDDEN');
    expect(await level(p.id)).toEqual({ onHand: 1, reserved: 0 });
    expect(await movements(p.id)).toHaveLength(1);
  });

  it('has CHECK constraints that refuse negative stock or reserved above on-hand even for direct SQL', async () => {
    const p = await makeProduct(h, {}, 2);
    await expect(h.sql('UPDATE stock_levels SET on_hand = -1 WHERE product_id = $1', [p.id])).rejects.toThrow(/stock_on_hand_not_negative|stock_reserved_within_on_hand/);
    await expect(h.sql('UPDATE stock_levels SET reserved = 3 WHERE product_id = $1', [p.id])).rejects.toThrow(/stock_reserved_within_on_hand/);
    await expect(h.sql('UPDATE stock_levels SET reserved = -1 WHERE product_id = $1', [p.id])).rejects.toThrow(/stock_reserved_not_negative/);
    expect(await level(p.id)).toEqual({ onHand: 2, reserved: 0 });
  });
});

describe('reservations (internal)', () => {
  it('reserves from the default warehouse first, then the next, all lines or none', async () => {
    const a = await makeProduct(h, {}, 2);
    await h.call(admin, ADJUST, { input: { productId: a.id, warehouseId: secondWarehouse, delta: 5, reason: 'stock' } });
    const b = await makeProduct(h, {}, 1);
    const refused = await h.call(orders, RESERVE, { reference: 'order-refused', lines: [{ productId: a.id, quantity: 3 }, { productId: b.id, quantity: 2 }] });
    expect(refused.data?.reserveStock).toEqual({ reservation: null, userErrors: [{ code: 'OUT_OF_STOCK', field: 'lines.1.quantity', message: 'Only 1 available, 2 requested' }] });
    expect(await level(a.id)).toEqual({ onHand: 2, reserved: 0 });
    expect((await h.sql(`SELECT count(*)::int AS n FROM stock_reservations WHERE reference = 'order-refused'`))[0].n).toBe(0);

    const held = await h.call(orders, RESERVE, { reference: 'order-1', lines: [{ productId: a.id, quantity: 3 }, { productId: b.id, quantity: 1 }] });
    const reservation = held.data?.reserveStock.reservation;
    expect(reservation.status).toBe('HELD');
    expect(new Date(reservation.expiresAt).getTime() - Date.now()).toBeGreaterThan(590_000);
    expect(reservation.lines).toEqual(
      expect.arrayContaining([
        { productId: a.id, warehouseId: DEFAULT_WAREHOUSE_ID, quantity: 2 },
        { productId: a.id, warehouseId: secondWarehouse, quantity: 1 },
        { productId: b.id, warehouseId: DEFAULT_WAREHOUSE_ID, quantity: 1 },
      ]),
    );
    expect(await level(a.id)).toEqual({ onHand: 2, reserved: 2 });
    expect(await level(a.id, secondWarehouse)).toEqual({ onHand: 5, reserved: 1 });
    const view = await h.call(guest, `query ($id: ID!) { product(id: $id) { availableQuantity inStock } }`, { id: b.id });
    expect(view.data?.product).toEqual({ availableQuantity: 0, inStock: false });

    // the same reference and lines again (in another order): the same reservation, nothing reserved twice
    const again = await h.call(orders, RESERVE, { reference: 'order-1', lines: [{ productId: b.id, quantity: 1 }, { productId: a.id, quantity: 3 }] });
    expect(again.data?.reserveStock.reservation.id).toBe(reservation.id);
    expect(await level(a.id)).toEqual({ onHand: 2, reserved: 2 });
    // the same reference with other lines: refused, nothing changes
    for (const lines of [[{ productId: a.id, quantity: 3 }], [{ productId: a.id, quantity: 2 }, { productId: b.id, quantity: 1 }]]) {
      const reused = await h.call(orders, RESERVE, { reference: 'order-1', lines });
      expect(reused.data?.reserveStock).toEqual({ reservation: null, userErrors: [{ code: 'RESERVATION_REFERENCE_REUSED', field: 'reference', message: expect.any(String) }] });
    }
    expect(await level(a.id)).toEqual({ onHand: 2, reserved: 2 });

    expect((await h.call(orders, COMMIT, { reference: 'order-1' })).data?.commitReservation.reservation.status).toBe('COMMITTED');
    expect((await h.call(orders, COMMIT, { reference: 'order-1' })).data?.commitReservation.reservation.status).toBe('COMMITTED');
    expect(await level(a.id)).toEqual({ onHand: 0, reserved: 0 });
    expect(await level(a.id, secondWarehouse)).toEqual({ onHand: 4, reserved: 0 });
    expect((await movements(b.id)).map((m: { type: string; quantity: number }) => `${m.type}:${m.quantity}`)).toEqual(['ADJUSTMENT:1', 'RESERVATION:1', 'SALE:-1']);

    // a cancelled order after the sale: the sold units come back
    expect((await h.call(orders, RELEASE, { reference: 'order-1' })).data?.releaseReservation.reservation.status).toBe('RELEASED');
    expect(await level(b.id)).toEqual({ onHand: 1, reserved: 0 });
    expect((await movements(b.id)).at(-1)).toEqual({ type: 'RETURN', quantity: 1, reason: 'payment declined', reference_id: 'order-1' });
  });

  it('releases a held reservation once, and refuses to commit it afterwards', async () => {
    const p = await makeProduct(h, {}, 4);
    await h.call(orders, RESERVE, { reference: 'order-2', lines: [{ productId: p.id, quantity: 4 }] });
    expect((await h.call(orders, RELEASE, { reference: 'order-2' })).data?.releaseReservation.reservation.status).toBe('RELEASED');
    expect((await h.call(orders, RELEASE, { reference: 'order-2' })).data?.releaseReservation.reservation.status).toBe('RELEASED');
    expect(await level(p.id)).toEqual({ onHand: 4, reserved: 0 });
    expect((await h.call(orders, COMMIT, { reference: 'order-2' })).data?.commitReservation.userErrors).toEqual([{ code: 'RESERVATION_NOT_HELD' }]);
    expect((await h.call(orders, COMMIT, { reference: 'no-such-order' })).data?.commitReservation.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    expect((await movements(p.id)).map((m: { type: string; quantity: number }) => `${m.type}:${m.quantity}`)).toEqual(['ADJUSTMENT:4', 'RESERVATION:4', 'RELEASE:-4']);
  });

  it('refuses bad lines, unknown and inactive products', async () => {
    const draft = await makeProduct(h, { status: 'DRAFT' }, 3);
    const result = await h.call(orders, RESERVE, {
      reference: 'order-bad',
      lines: [{ productId: draft.id, quantity: 1 }, { productId: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', quantity: 1 }],
    });
    expect(result.data?.reserveStock.userErrors.map((e: { code: string; field: string }) => `${e.code}:${e.field}`)).toEqual([
      'PRODUCT_UNAVAILABLE:lines.0.productId',
      'NOT_FOUND:lines.1.productId',
    ]);
    const invalid = await h.call(orders, RESERVE, { reference: '', lines: [{ productId: draft.id, quantity: 0 }], ttlSeconds: 0 });
    expect(invalid.data?.reserveStock.userErrors.map((e: { field: string }) => e.field)).toEqual(['reference', 'lines.0.quantity', 'ttlSeconds']);
    expect(await level(draft.id)).toEqual({ onHand: 3, reserved: 0 });
  });

  it('answers the orders service only: the gateway\'s callers (even staff) and other services get FORBIDDEN', async () => {
    const p = await makeProduct(h, {}, 1);
    const otherService: Caller = { kind: 'service', name: 'cart' };
    for (const caller of [admin, customer(), guest, otherService]) {
      const result = await h.call(caller, RESERVE, { reference: `x-${caller.kind}`, lines: [{ productId: p.id, quantity: 1 }] });
      expect(codes(result.errors)).toEqual(['FORBIDDEN']);
      expect(codes((await h.call(caller, RETURN, { reference: 'r', lines: [{ productId: p.id, quantity: 1 }] })).errors)).toEqual(['FORBIDDEN']);
    }
    expect(await level(p.id)).toEqual({ onHand: 1, reserved: 0 });
  });

  it('puts returned units back once per reference', async () => {
    const p = await makeProduct(h, {}, 1);
    for (let i = 0; i < 2; i += 1) {
      expect((await h.call(orders, RETURN, { reference: 'return-1', lines: [{ productId: p.id, quantity: 2 }] })).data?.returnStock).toEqual({ success: true, userErrors: [] });
    }
    expect(await level(p.id)).toEqual({ onHand: 3, reserved: 0 });
    const unknown = await h.call(orders, RETURN, { reference: 'return-2', lines: [{ productId: '5b0c6d52-8b5e-4f4f-9a51-1d6a3f0f1c11', quantity: 1 }] });
    expect(unknown.data?.returnStock).toEqual({ success: false, userErrors: [{ code: 'NOT_FOUND', field: 'lines.0.productId' }] });
    expect((await h.sql(`SELECT count(*)::int AS n FROM stock_returns WHERE reference = 'return-2'`))[0].n).toBe(0);
  });
});

describe('reservation expiry', () => {
  it('releases a reservation that is still held when its time to live is over', async () => {
    const p = await makeProduct(h, {}, 2);
    const held = await h.call(orders, RESERVE, { reference: 'order-expiring', lines: [{ productId: p.id, quantity: 2 }], ttlSeconds: 1 });
    expect(held.data?.reserveStock.reservation.status).toBe('HELD');
    await h.subgraph.drainOutbox();
    await waitFor('the expiry job', async () => (await level(p.id))?.reserved === 0);
    const [reservation] = await h.sql(`SELECT status, closed_reason FROM stock_reservations WHERE reference = 'order-expiring'`);
    expect(reservation).toEqual({ status: 'RELEASED', closed_reason: 'reservation expired' });
    expect((await movements(p.id)).map((m: { type: string; quantity: number; reason: string }) => `${m.type}:${m.quantity}:${m.reason}`)).toEqual([
      'ADJUSTMENT:2:test stock',
      'RESERVATION:2:reserved for checkout',
      'RELEASE:-2:reservation expired',
    ]);
  });

  it('the sweep releases a held reservation past its expiry once, even without its expiry job', async () => {
    const p = await makeProduct(h, {}, 3);
    const held = await h.call(orders, RESERVE, { reference: 'order-lost-expiry', lines: [{ productId: p.id, quantity: 2 }], ttlSeconds: 3600 });
    const reservationId = held.data?.reserveStock.reservation.id;
    // its expiry job is an hour away (as good as lost): the reservation is due now
    await h.sql(`UPDATE stock_reservations SET expires_at = now() - interval '1 second' WHERE id = $1`, [reservationId]);
    await waitFor('the sweep to release it', async () => (await level(p.id))?.reserved === 0, 15_000);
    // another sweep passes (a later reservation, due at once, is released too) without touching the first again
    const next = await h.call(orders, RESERVE, { reference: 'order-lost-expiry-2', lines: [{ productId: p.id, quantity: 1 }], ttlSeconds: 3600 });
    await h.sql(`UPDATE stock_reservations SET expires_at = now() - interval '1 second' WHERE id = $1`, [next.data?.reserveStock.reservation.id]);
    await waitFor('the next sweep', async () => (await level(p.id))?.reserved === 0, 15_000);
    expect((await movements(p.id)).map((m: { type: string; quantity: number; reason: string }) => `${m.type}:${m.quantity}:${m.reason}`)).toEqual([
      'ADJUSTMENT:3:test stock',
      'RESERVATION:2:reserved for checkout',
      'RELEASE:-2:reservation expired',
      'RESERVATION:1:reserved for checkout',
      'RELEASE:-1:reservation expired',
    ]);
    const [reservation] = await h.sql(`SELECT status, closed_reason FROM stock_reservations WHERE id = $1`, [reservationId]);
    expect(reservation).toEqual({ status: 'RELEASED', closed_reason: 'reservation expired' });
  });

  it('leaves a committed reservation alone when the expiry job runs', async () => {
    const p = await makeProduct(h, {}, 2);
    const held = await h.call(orders, RESERVE, { reference: 'order-paid', lines: [{ productId: p.id, quantity: 1 }], ttlSeconds: 1 });
    const reservationId = held.data?.reserveStock.reservation.id;
    expect((await h.call(orders, COMMIT, { reference: 'order-paid' })).data?.commitReservation.reservation.status).toBe('COMMITTED');
    await h.subgraph.drainOutbox();
    const [{ id: outboxId }] = await h.sql(`SELECT id FROM outbox WHERE name = 'stock-reservation.expire' AND payload->>'reservationId' = $1`, [reservationId]);
    const redis = createRedis(h.deps.config.redisUrl, 'expiry-check', true);
    const queue = new Queue('catalog', { connection: redis, prefix: h.queuePrefix });
    try {
      await waitFor('the expiry job to complete', async () => (await queue.getJobState(`catalog-${outboxId}`)) === 'completed');
    } finally {
      await queue.close();
      redis.disconnect();
    }
    expect(await level(p.id)).toEqual({ onHand: 1, reserved: 0 });
    expect((await movements(p.id)).map((m: { type: string }) => m.type)).toEqual(['ADJUSTMENT', 'RESERVATION', 'SALE']);
  });
});

describe('no oversell', () => {
  it('gives the last unit to exactly one of 50 concurrent reservations', async () => {
    const p = await makeProduct(h, {}, 1);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.call(orders, RESERVE, { reference: `race-${i}`, lines: [{ productId: p.id, quantity: 1 }] })),
    );
    const outcomes = results.map((r) => r.errors?.[0]?.message ?? r.data?.reserveStock.reservation?.status ?? r.data?.reserveStock.userErrors[0].code);
    expect(outcomes.filter((o) => o === 'HELD')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'OUT_OF_STOCK')).toHaveLength(49);
    expect(await level(p.id)).toEqual({ onHand: 1, reserved: 1 });
    expect((await movements(p.id)).filter((m: { type: string }) => m.type === 'RESERVATION')).toHaveLength(1);
  });

  it('never reserves more than the stock spread over two warehouses', async () => {
    const p = await makeProduct(h, {}, 2);
    await h.call(admin, ADJUST, { input: { productId: p.id, warehouseId: secondWarehouse, delta: 1, reason: 'stock' } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.call(orders, RESERVE, { reference: `race2-${i}`, lines: [{ productId: p.id, quantity: 1 }] })),
    );
    expect(results.filter((r) => r.data?.reserveStock.reservation?.status === 'HELD')).toHaveLength(3);
    expect(await level(p.id)).toEqual({ onHand: 2, reserved: 2 });
    expect(await level(p.id, secondWarehouse)).toEqual({ onHand: 1, reserved: 1 });
  });

  it('does not deadlock when concurrent reservations name the same products in opposite orders', async () => {
    const a = await makeProduct(h, {}, 100);
    const b = await makeProduct(h, {}, 100);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        h.call(orders, RESERVE, {
          reference: `cross-${i}`,
          lines: i % 2 ? [{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }] : [{ productId: b.id, quantity: 1 }, { productId: a.id, quantity: 1 }],
        }),
      ),
    );
    expect(results.filter((r) => r.data?.reserveStock.reservation?.status === 'HELD')).toHaveLength(30);
    expect(await level(a.id)).toEqual({ onHand: 100, reserved: 30 });
    expect(await level(b.id)).toEqual({ onHand: 100, reserved: 30 });
  });
});
