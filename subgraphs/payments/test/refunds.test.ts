import { randomUUID } from 'node:crypto';
import { admin, authorize, captured, codes, customer, guest, orders, PAYMENT_FOR_ORDER, REFUND, REFUND_ORDER, service, startPayments, type PaymentsHarness } from './helpers';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await startPayments();
});
afterAll(async () => {
  await h.stop();
});

const refund = (paymentId: string, amount: string, idempotencyKey = `ref-${randomUUID()}`, reason: string | null = 'damaged') =>
  h.call(admin, REFUND, { input: { paymentId, amount, reason, idempotencyKey } });
const outbox = (refundId: string) => h.sql(`SELECT queue, name, payload FROM outbox WHERE name = 'refund.issued' AND payload->>'refundId' = $1`, [refundId]);

describe('refundPayment (staff)', () => {
  it('refunds in part, then the rest: PARTIALLY_REFUNDED, then REFUNDED', async () => {
    const a = await captured(h);
    const first = (await refund(a.paymentId, '30.00')).data!.refundPayment;
    expect(first).toMatchObject({ refund: { amount: { amount: '30.00', currencyCode: 'USD' }, status: 'SUCCEEDED' }, payment: { id: a.paymentId, status: 'PARTIALLY_REFUNDED' }, userErrors: [] });
    const rest = (await refund(a.paymentId, '70')).data!.refundPayment;
    expect(rest).toMatchObject({ refund: { amount: { amount: '70.00' }, status: 'SUCCEEDED' }, payment: { status: 'REFUNDED' }, userErrors: [] });
    const payment = (await h.call(orders, PAYMENT_FOR_ORDER, { orderId: a.orderId })).data!.paymentForOrder;
    expect(payment).toMatchObject({ status: 'REFUNDED', refundedAmount: { amount: '100.00' }, refunds: [{ amount: { amount: '30.00' }, status: 'SUCCEEDED' }, { amount: { amount: '70.00' }, status: 'SUCCEEDED' }] });
    expect(codes((await refund(a.paymentId, '0.01')).data!.refundPayment)).toEqual(['REFUND_EXCEEDS_CAPTURED']);
  });

  it('refuses more than what is left with REFUND_EXCEEDS_CAPTURED', async () => {
    const a = await captured(h);
    const over = (await refund(a.paymentId, '100.01')).data!.refundPayment;
    expect(over).toEqual({ refund: null, payment: null, userErrors: [{ code: 'REFUND_EXCEEDS_CAPTURED', field: 'input.amount', message: expect.stringContaining('100.00 USD') }] });
  });

  it('never refunds more than captured under concurrency: 10 refunds of 30.00 on 100.00, exactly 3 succeed', async () => {
    const a = await captured(h);
    const results = await Promise.all(Array.from({ length: 10 }, () => refund(a.paymentId, '30.00')));
    const payloads = results.map((r) => r.data!.refundPayment);
    expect(payloads.filter((p) => p.refund?.status === 'SUCCEEDED')).toHaveLength(3);
    expect(payloads.filter((p) => codes(p).includes('REFUND_EXCEEDS_CAPTURED'))).toHaveLength(7);
    const [row] = await h.sql(`SELECT refunded_cents::int AS refunded, status, (SELECT sum(amount_cents)::int FROM refunds WHERE payment_id = p.id) AS total FROM payments p WHERE id = $1`, [a.paymentId]);
    expect(row).toEqual({ refunded: 9000, status: 'PARTIALLY_REFUNDED', total: 9000 });
    expect(await h.sql(`SELECT count(*)::int AS n FROM simulated_provider_operations WHERE operation = 'refund' AND target_reference = (SELECT provider_reference FROM payments WHERE id = $1)`, [a.paymentId])).toEqual([{ n: 3 }]);
  });

  it('is idempotent by key: same key and amount → the first result; another amount → IDEMPOTENCY_KEY_REUSED', async () => {
    const a = await captured(h);
    const key = `ref-${randomUUID()}`;
    const results = await Promise.all([refund(a.paymentId, '10.00', key), refund(a.paymentId, '10.00', key), refund(a.paymentId, '10.00', key)]);
    const ids = new Set(results.map((r) => r.data!.refundPayment.refund.id));
    expect(ids.size).toBe(1);
    expect((await h.sql('SELECT count(*)::int AS n FROM refunds WHERE payment_id = $1', [a.paymentId]))[0].n).toBe(1);
    expect((await h.sql('SELECT count(*)::int AS n FROM simulated_provider_operations WHERE idempotency_key = $1', [`refund:${key}`]))[0].n).toBe(1);
    expect(codes((await refund(a.paymentId, '11.00', key)).data!.refundPayment)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const other = await captured(h);
    expect(codes((await refund(other.paymentId, '10.00', key)).data!.refundPayment)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses payments not captured (PAYMENT_NOT_CAPTURED), unknown ones (NOT_FOUND) and bad input (INVALID)', async () => {
    const a = await authorize(h);
    expect(codes((await refund(a.paymentId, '1.00')).data!.refundPayment)).toEqual(['PAYMENT_NOT_CAPTURED']);
    expect(codes((await refund(randomUUID(), '1.00')).data!.refundPayment)).toEqual(['NOT_FOUND']);
    const c = await captured(h);
    for (const [amount, key, reason] of [['0', 'k1', null], ['-1', 'k2', null], ['1.234', 'k3', null], ['1.00', '', null], ['1.00', 'k4', 'x'.repeat(501)]] as const) {
      const result = await refund(c.paymentId, amount, key, reason);
      // the Decimal scalar itself refuses some amounts before the resolver runs
      const got = result.data ? codes(result.data.refundPayment) : result.errors!.map((e) => e.extensions?.code);
      expect({ amount, got }).toEqual({ amount, got: [result.data ? 'INVALID' : 'BAD_USER_INPUT'] });
    }
    expect((await h.sql('SELECT count(*)::int AS n FROM refunds WHERE payment_id = $1', [c.paymentId]))[0].n).toBe(0);
  });

  it('publishes refund.issued through the outbox for the users mail, with the amount', async () => {
    const userId = randomUUID();
    const a = await captured(h, { userId, email: 'refund-test@example.com' });
    const r = (await refund(a.paymentId, '25.50')).data!.refundPayment.refund;
    expect(await outbox(r.id)).toEqual([
      { queue: 'users', name: 'refund.issued', payload: expect.objectContaining({ refundId: r.id, orderId: a.orderId, userId, email: 'refund-test@example.com', amount: '25.50', currencyCode: 'USD' }) },
    ]);
    await h.settle();
  });

  it('is staff-only: UNAUTHENTICATED for guests, FORBIDDEN for customers and services', async () => {
    const a = await captured(h);
    const input = { paymentId: a.paymentId, amount: '1.00', idempotencyKey: `ref-${randomUUID()}` };
    const errorCode = async (caller: Parameters<PaymentsHarness['call']>[0]) => (await h.call(caller, REFUND, { input })).errors?.[0]?.extensions?.code;
    expect(await errorCode(guest)).toBe('UNAUTHENTICATED');
    expect(await errorCode(customer())).toBe('FORBIDDEN');
    expect(await errorCode(orders)).toBe('UNAUTHENTICATED');
    expect((await h.sql('SELECT count(*)::int AS n FROM refunds WHERE payment_id = $1', [a.paymentId]))[0].n).toBe(0);
  });
});

describe('refundOrderPayment (internal, for the order flow)', () => {
  it('refunds all that is left without an amount, idempotently', async () => {
    const a = await captured(h);
    await refund(a.paymentId, '40.00');
    const key = `cancel-${randomUUID()}`;
    const all = (await h.call(orders, REFUND_ORDER, { orderId: a.orderId, idempotencyKey: key, reason: 'order cancelled' })).data!.refundOrderPayment;
    expect(all).toMatchObject({ refund: { amount: { amount: '60.00' }, status: 'SUCCEEDED', reason: 'order cancelled' }, payment: { status: 'REFUNDED', refundedAmount: { amount: '100.00' } }, userErrors: [] });
    expect((await h.call(orders, REFUND_ORDER, { orderId: a.orderId, idempotencyKey: key })).data!.refundOrderPayment.refund).toEqual(all.refund);
    expect(codes((await h.call(orders, REFUND_ORDER, { orderId: a.orderId, idempotencyKey: `cancel-${randomUUID()}` })).data!.refundOrderPayment)).toEqual(['REFUND_EXCEEDS_CAPTURED']);
  });

  it('refuses the gateway and other services', async () => {
    for (const caller of [admin, customer(), service('cart')]) {
      const result = await h.call(caller, REFUND_ORDER, { orderId: randomUUID(), idempotencyKey: 'k' });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('Refund references', () => {
  const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Refund { id status amount { amount currencyCode } } } }`;

  it('a Refund resolves for the customer who paid and staff; null for anyone else and for unknown ids', async () => {
    const buyer = customer();
    const a = await captured(h, { userId: buyer.identity.userId, email: 'buyer@example.com' });
    const done = (await h.call(orders, REFUND_ORDER, { orderId: a.orderId, amount: '12.34', idempotencyKey: `return:${randomUUID()}:refund` })).data!.refundOrderPayment;
    expect(done.refund.status).toBe('SUCCEEDED');
    const reps = [{ __typename: 'Refund', id: done.refund.id }, { __typename: 'Refund', id: randomUUID() }, { __typename: 'Refund', id: 'nope' }];
    const expected = { id: done.refund.id, status: 'SUCCEEDED', amount: { amount: '12.34', currencyCode: 'USD' } };
    expect((await h.call(buyer, ENTITIES, { reps })).data!._entities).toEqual([expected, null, null]);
    expect((await h.call(admin, ENTITIES, { reps })).data!._entities[0]).toEqual(expected);
    expect((await h.call(customer(), ENTITIES, { reps })).data!._entities).toEqual([null, null, null]);
    expect((await h.call(guest, ENTITIES, { reps })).data!._entities[0]).toBeNull();
  });
});
