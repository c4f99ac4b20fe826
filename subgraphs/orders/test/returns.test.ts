import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { waitFor } from '../../../platform/infra/processes';
import { enqueue } from '../../../platform/queue/outbox';
import { OrderStatus } from '../src/order/order-status';
import { returnRefundKey } from '../src/return/return-receipt';
import { RETURNS_RECONCILE_JOB } from '../src/return/return-reconcile';
import { admin, customer, guest } from './helpers';
import { onHand, placeOrder, refundsOf, startReturns, stockReturnsOf, type ReturnsHarness } from './returns-helpers';

let h: ReturnsHarness;
beforeAll(async () => {
  h = await startReturns();
});
afterAll(() => h?.stop());

const RETURN_FIELDS = 'id status reason lines { orderLineId quantity refundAmount { amount } } refundAmount { amount currencyCode } refund { id }';
const REQUEST = `mutation ($input: RequestReturnInput!) { requestReturn(input: $input) { returnRequest { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation ($id: ID!, $status: ReturnStatus!) { updateReturnStatus(id: $id, status: $status) { returnRequest { ${RETURN_FIELDS} } userErrors { field message code } } }`;
const ORDER_RETURNS = `query ($id: ID!) { order(id: $id) { id status returns { ${RETURN_FIELDS} } } }`;

type Caller = Parameters<ReturnsHarness['call']>[0];
const errorCodes = (p: { userErrors: { code: string }[] }) => p.userErrors.map((e) => e.code);
const request = async (caller: Caller, input: Record<string, unknown>) => (await h.call(caller, REQUEST, { input })).data!.requestReturn;
const update = async (id: string, status: string, caller: Caller = admin) => {
  const res = await h.call(caller, UPDATE, { id, status });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.updateReturnStatus;
};
const returnsOf = async (orderId: string) => (await h.sql<{ n: number }>('SELECT count(*)::int AS n FROM return_requests WHERE order_id = $1', [orderId]))[0].n;
const returnRow = async (id: string) =>
  (await h.sql('SELECT status, refund_cents::int AS "refundCents", refund_id::text AS "refundId", receipt_started_at AS "startedAt", claimed_until AS "claimedUntil", stock_returned_at AS "stockAt" FROM return_requests WHERE id = $1', [id]))[0];
const events = (returnId: string) => h.sql<{ status: string }>(`SELECT payload->>'status' AS status FROM outbox WHERE name = 'return.updated' AND payload->>'returnId' = $1 ORDER BY id`, [returnId]);

/** A customer's delivered order of 3 × 9.99 and 2 × 25.00, 5.00 off: goods 74.97, tax 7 % 5.25, shipping 3.00. */
async function delivered(owner = customer(), options: Parameters<typeof placeOrder>[3] = {}) {
  const order = await placeOrder(h, owner.identity.userId, [{ quantity: 3, unitPriceCents: 999 }, { quantity: 2, unitPriceCents: 2500 }], { discountCents: 500, ...options });
  return { owner, ...order };
}

/** A return of `lines` ([line index, quantity]) moved to APPROVED. */
async function approved(o: Awaited<ReturnType<typeof delivered>>, lines: [number, number][]): Promise<string> {
  const created = await request(o.owner, { orderId: o.orderId, reason: 'does not fit', lines: lines.map(([i, quantity]) => ({ orderLineId: o.lineIds[i], quantity })) });
  expect(created.userErrors).toEqual([]);
  expect((await update(created.returnRequest.id, 'APPROVED')).userErrors).toEqual([]);
  return created.returnRequest.id;
}

describe('requestReturn', () => {
  it('a customer asks to return units of a delivered order: REQUESTED, on Order.returns for them and staff only', async () => {
    const o = await delivered();
    const created = await request(o.owner, { orderId: o.orderId, reason: '  too small ', lines: [{ orderLineId: o.lineIds[0], quantity: 2 }] });
    expect(created).toEqual({
      userErrors: [],
      returnRequest: { id: expect.any(String), status: 'REQUESTED', reason: 'too small', lines: [{ orderLineId: o.lineIds[0], quantity: 2, refundAmount: null }], refundAmount: null, refund: null },
    });
    const mine = (await h.call(o.owner, ORDER_RETURNS, { id: o.orderId })).data!.order;
    expect(mine.returns).toEqual([created.returnRequest]);
    expect((await h.call(admin, ORDER_RETURNS, { id: o.orderId })).data!.order.returns).toEqual([created.returnRequest]);
    const other = await h.call(customer(), ORDER_RETURNS, { id: o.orderId });
    expect(other.data!.order).toBeNull();
    expect(await events(created.returnRequest.id)).toEqual([{ status: 'REQUESTED' }]);
  });

  it('answers each problem with a userError and writes nothing', async () => {
    const o = await delivered();
    const line = (i: number, quantity: number) => ({ orderLineId: o.lineIds[i], quantity });
    const cases: [Caller, Record<string, unknown>, { code: string; field: string }[]][] = [
      [o.owner, { orderId: o.orderId, reason: ' ', lines: [line(0, 1)] }, [{ code: 'INVALID', field: 'input.reason' }]],
      [o.owner, { orderId: o.orderId, reason: 'x', lines: [] }, [{ code: 'INVALID', field: 'input.lines' }]],
      [o.owner, { orderId: o.orderId, reason: 'x', lines: [line(0, 0)] }, [{ code: 'INVALID', field: 'input.lines.0.quantity' }]],
      [o.owner, { orderId: o.orderId, reason: 'x', lines: [line(0, 1), line(0, 1)] }, [{ code: 'INVALID', field: 'input.lines.1.orderLineId' }]],
      [o.owner, { orderId: randomUUID(), reason: 'x', lines: [line(0, 1)] }, [{ code: 'NOT_FOUND', field: 'input.orderId' }]],
      [o.owner, { orderId: 'not-an-id', reason: 'x', lines: [line(0, 1)] }, [{ code: 'NOT_FOUND', field: 'input.orderId' }]],
      [customer(), { orderId: o.orderId, reason: 'x', lines: [line(0, 1)] }, [{ code: 'NOT_FOUND', field: 'input.orderId' }]],
      [o.owner, { orderId: o.orderId, reason: 'x', lines: [{ orderLineId: randomUUID(), quantity: 1 }] }, [{ code: 'NOT_FOUND', field: 'input.lines.0.orderLineId' }]],
      [o.owner, { orderId: o.orderId, reason: 'x', lines: [line(0, 1), line(1, 3)] }, [{ code: 'RETURN_QUANTITY_EXCEEDED', field: 'input.lines.1.quantity' }]],
    ];
    for (const [caller, input, expected] of cases) {
      const answer = await request(caller, input);
      expect({ input, answer: { returnRequest: answer.returnRequest, errors: answer.userErrors.map((e: { code: string; field: string }) => ({ code: e.code, field: e.field })) } }).toEqual({ input, answer: { returnRequest: null, errors: expected } });
    }
    expect(await returnsOf(o.orderId)).toBe(0);

    const confirmed = await delivered(o.owner, { status: OrderStatus.CONFIRMED });
    expect(errorCodes(await request(o.owner, { orderId: confirmed.orderId, reason: 'x', lines: [{ orderLineId: confirmed.lineIds[0], quantity: 1 }] }))).toEqual(['ORDER_NOT_DELIVERED']);
    expect(await returnsOf(confirmed.orderId)).toBe(0);
    expect((await h.call(guest, REQUEST, { input: { orderId: o.orderId, reason: 'x', lines: [line(0, 1)] } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts units already in returns (REJECTED ones aside)', async () => {
    const o = await delivered();
    const first = await request(o.owner, { orderId: o.orderId, reason: 'a', lines: [{ orderLineId: o.lineIds[0], quantity: 2 }] });
    const over = await request(o.owner, { orderId: o.orderId, reason: 'b', lines: [{ orderLineId: o.lineIds[0], quantity: 2 }] });
    expect(over.userErrors).toEqual([{ code: 'RETURN_QUANTITY_EXCEEDED', field: 'input.lines.0.quantity', message: 'At most 1 of 3 units of Item 1 can still be returned' }]);
    expect((await update(first.returnRequest.id, 'REJECTED')).returnRequest.status).toBe('REJECTED');
    expect((await request(o.owner, { orderId: o.orderId, reason: 'c', lines: [{ orderLineId: o.lineIds[0], quantity: 3 }] })).userErrors).toEqual([]);
  });

  it('staff list every return, newest first, by status, with its order; customers are FORBIDDEN', async () => {
    const o = await delivered();
    const made = [];
    for (const i of [0, 1]) made.push((await request(o.owner, { orderId: o.orderId, reason: `r${i}`, lines: [{ orderLineId: o.lineIds[i], quantity: 1 }] })).returnRequest.id);
    await update(made[0], 'REJECTED');
    const LIST = `query ($status: ReturnStatus, $first: Int, $after: String) { returnRequests(status: $status, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status order { id } } } } }`;
    const page = (await h.call(admin, LIST, { first: 1 })).data!.returnRequests;
    expect(page.edges).toEqual([{ node: { id: made[1], status: 'REQUESTED', order: { id: o.orderId } } }]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect((await h.call(admin, LIST, { first: 1, after: page.pageInfo.endCursor })).data!.returnRequests.edges[0].node.id).toBe(made[0]);
    const rejected = (await h.call(admin, LIST, { status: 'REJECTED', first: 100 })).data!.returnRequests;
    expect(rejected.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(made[0]);
    expect(rejected.edges.every((e: { node: { status: string } }) => e.node.status === 'REJECTED')).toBe(true);
    expect((await h.call(o.owner, LIST, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('two concurrent requests for the last returnable units: one gets them', async () => {
    const o = await delivered();
    const input = { orderId: o.orderId, reason: 'race', lines: [{ orderLineId: o.lineIds[1], quantity: 2 }] };
    const answers = await Promise.all([request(o.owner, input), request(o.owner, input), request(o.owner, input)]);
    expect(answers.filter((a) => a.userErrors.length === 0)).toHaveLength(1);
    expect(answers.filter((a) => errorCodes(a).includes('RETURN_QUANTITY_EXCEEDED'))).toHaveLength(2);
    expect(await returnsOf(o.orderId)).toBe(1);
  });
});

describe('updateReturnStatus', () => {
  it('refuses moves the return may not make (INVALID_RETURN_TRANSITION), unknown returns (NOT_FOUND) and non-staff', async () => {
    const o = await delivered();
    const created = (await request(o.owner, { orderId: o.orderId, reason: 'x', lines: [{ orderLineId: o.lineIds[0], quantity: 1 }] })).returnRequest;
    for (const status of ['RECEIVED', 'REFUNDED']) {
      const answer = await update(created.id, status);
      expect(answer).toMatchObject({ returnRequest: { id: created.id, status: 'REQUESTED' }, userErrors: [{ code: 'INVALID_RETURN_TRANSITION', field: 'status' }] });
    }
    expect(errorCodes(await update(randomUUID(), 'APPROVED'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await update('nope', 'RECEIVED'))).toEqual(['NOT_FOUND']);
    expect((await h.call(o.owner, UPDATE, { id: created.id, status: 'APPROVED' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await update(created.id, 'REJECTED')).userErrors).toEqual([]);
    expect(errorCodes(await update(created.id, 'APPROVED'))).toEqual(['INVALID_RETURN_TRANSITION']);
    expect((await update(created.id, 'REJECTED')).userErrors).toEqual([]); // a repeat changes nothing
    expect(await events(created.id)).toEqual([{ status: 'REQUESTED' }, { status: 'REJECTED' }]);
  });

  it('RECEIVED refunds the lines less their discount share plus their tax, once, and puts the units back in stock, once', async () => {
    const o = await delivered(customer(), { stock: 5 });
    const returnId = await approved(o, [[0, 1], [1, 1]]);
    // goods 2997 + 5000 = 7997; discount 500 → lines 2810 (187 off) and 4687 (313 off); tax 525 → 197 and 328
    // one unit each: floor(2810 / 3) + floor(197 / 3) = 936 + 65, and 4687 / 2 → 2343 + 164
    const received = await update(returnId, 'RECEIVED');
    expect(received.userErrors).toEqual([]);
    expect(received.returnRequest).toMatchObject({
      status: 'RECEIVED',
      refundAmount: { amount: '35.08', currencyCode: 'USD' },
      lines: [{ quantity: 1, refundAmount: { amount: '10.01' } }, { quantity: 1, refundAmount: { amount: '25.07' } }],
      refund: { id: expect.any(String) },
    });
    expect(await refundsOf(h, o.orderId)).toEqual([{ amount: 3508, status: 'SUCCEEDED', key: returnRefundKey(returnId) }]);
    expect(await stockReturnsOf(h, o.productIds[0])).toEqual([{ quantity: 1, reference: `return:${returnId}` }]);
    expect(await onHand(h, o.productIds[1])).toBe(6);

    const again = await update(returnId, 'RECEIVED');
    expect(again).toMatchObject({ userErrors: [], returnRequest: { status: 'RECEIVED', refund: { id: received.returnRequest.refund.id } } });
    expect(await refundsOf(h, o.orderId)).toHaveLength(1);
    expect(await stockReturnsOf(h, o.productIds[1])).toHaveLength(1);

    expect((await update(returnId, 'REFUNDED')).returnRequest.status).toBe('REFUNDED');
    expect(errorCodes(await update(returnId, 'APPROVED'))).toEqual(['INVALID_RETURN_TRANSITION']);
    expect(await events(returnId)).toEqual([{ status: 'REQUESTED' }, { status: 'APPROVED' }, { status: 'RECEIVED' }, { status: 'REFUNDED' }]);
    expect((await h.sql('SELECT status FROM orders WHERE id = $1', [o.orderId]))[0].status).toBe('DELIVERED');
  });

  it('returning every unit in several returns refunds exactly the goods after discount plus tax; the order becomes REFUNDED', async () => {
    const o = await delivered();
    const first = await approved(o, [[0, 1]]);
    const second = await approved(o, [[0, 2], [1, 2]]);
    expect((await update(second, 'RECEIVED')).userErrors).toEqual([]);
    expect((await h.sql('SELECT status FROM orders WHERE id = $1', [o.orderId]))[0].status).toBe('DELIVERED');
    expect((await update(first, 'RECEIVED')).userErrors).toEqual([]);
    const refunds = await refundsOf(h, o.orderId);
    expect(refunds.reduce((s, r) => s + r.amount, 0)).toBe(o.totalCents - 300); // everything but shipping
    const order = (await h.call(o.owner, ORDER_RETURNS, { id: o.orderId })).data!.order;
    expect(order.status).toBe('REFUNDED');
    expect(order.returns.map((r: { status: string }) => r.status)).toEqual(['RECEIVED', 'RECEIVED']);
  });

  it('two concurrent RECEIVED: one refund, one stock return', async () => {
    const o = await delivered();
    const returnId = await approved(o, [[1, 2]]);
    const answers = await Promise.all([update(returnId, 'RECEIVED'), update(returnId, 'RECEIVED'), update(returnId, 'RECEIVED')]);
    for (const a of answers) expect(['', 'RETURN_IN_PROGRESS']).toContain(errorCodes(a).join());
    expect(answers.some((a) => a.userErrors.length === 0 && a.returnRequest.status === 'RECEIVED')).toBe(true);
    expect(await refundsOf(h, o.orderId)).toHaveLength(1);
    expect(await stockReturnsOf(h, o.productIds[1])).toEqual([{ quantity: 2, reference: `return:${returnId}` }]);
    expect((await returnRow(returnId)).status).toBe('RECEIVED');
  });

  it('a receipt cut short (catalog down) keeps the refund and is finished by a repeat, without a second refund', async () => {
    const o = await delivered();
    const returnId = await approved(o, [[0, 3]]);
    h.subgraph.useServiceUrls({ catalog: 'http://127.0.0.1:47251/graphql' });
    try {
      const cut = await update(returnId, 'RECEIVED');
      expect(cut).toMatchObject({ returnRequest: { status: 'APPROVED', refundAmount: null }, userErrors: [{ code: 'RETURN_IN_PROGRESS' }] });
    } finally {
      h.subgraph.useServiceUrls({ catalog: h.catalog.subgraph.url });
    }
    expect(await returnRow(returnId)).toMatchObject({ status: 'APPROVED', refundId: expect.any(String), stockAt: null, claimedUntil: null });
    expect(await refundsOf(h, o.orderId)).toHaveLength(1);
    expect((await update(returnId, 'REJECTED')).userErrors[0].code).toBe('INVALID_RETURN_TRANSITION');

    const finished = await update(returnId, 'RECEIVED');
    expect(finished).toMatchObject({ userErrors: [], returnRequest: { status: 'RECEIVED' } });
    expect(await refundsOf(h, o.orderId)).toHaveLength(1);
    expect(await stockReturnsOf(h, o.productIds[0])).toEqual([{ quantity: 3, reference: `return:${returnId}` }]);
  });

  it('the reconcile job finishes a receipt whose process died mid-way (its claim ran out), once', async () => {
    const o = await delivered();
    const returnId = await approved(o, [[1, 1]]);
    h.subgraph.useServiceUrls({ catalog: 'http://127.0.0.1:47251/graphql' });
    try {
      expect(errorCodes(await update(returnId, 'RECEIVED'))).toEqual(['RETURN_IN_PROGRESS']);
    } finally {
      h.subgraph.useServiceUrls({ catalog: h.catalog.subgraph.url });
    }
    // as if a request had claimed it and died: a live claim is left alone…
    await h.sql(`UPDATE return_requests SET claimed_until = now() + interval '1 hour' WHERE id = $1`, [returnId]);
    expect(errorCodes(await update(returnId, 'RECEIVED'))).toEqual(['RETURN_IN_PROGRESS']);
    // …until it runs out
    await h.sql(`UPDATE return_requests SET claimed_until = now() - interval '1 second' WHERE id = $1`, [returnId]);
    await h.deps.database.dataSource.transaction((m: EntityManager) => enqueue(m, { queue: 'orders', name: RETURNS_RECONCILE_JOB, payload: {} }));
    await waitFor('the reconcile job to receive the return', async () => {
      await h.subgraph.drainOutbox();
      return (await returnRow(returnId)).status === 'RECEIVED';
    }, 20_000, 100);
    expect(await refundsOf(h, o.orderId)).toHaveLength(1);
    expect(await stockReturnsOf(h, o.productIds[1])).toHaveLength(1);
  });

  it('a refund payments refuses: REFUND_FAILED, the return stays APPROVED and nothing goes back to stock', async () => {
    const o = await delivered(customer(), { stock: 2 });
    const returnId = await approved(o, [[0, 1]]);
    // staff refunded the whole payment by hand already
    const REFUND_ALL = `mutation ($orderId: ID!, $key: String!) { refundOrderPayment(orderId: $orderId, idempotencyKey: $key) { userErrors { code } } }`;
    expect((await h.payments.call({ kind: 'service', name: 'orders' }, REFUND_ALL, { orderId: o.orderId, key: randomUUID() })).data!.refundOrderPayment.userErrors).toEqual([]);
    const refused = await update(returnId, 'RECEIVED');
    expect(refused).toMatchObject({ returnRequest: { status: 'APPROVED' }, userErrors: [{ code: 'REFUND_FAILED', field: 'status' }] });
    expect(await returnRow(returnId)).toMatchObject({ status: 'APPROVED', refundId: null, startedAt: null, claimedUntil: null, stockAt: null });
    expect(await onHand(h, o.productIds[0])).toBe(2);
    expect(await stockReturnsOf(h, o.productIds[0])).toEqual([]);
  });
});
