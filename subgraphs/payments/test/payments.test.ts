import { randomUUID } from 'node:crypto';
import { postGraphQL } from '../../../platform/testing/graphql-client';
import { tableLedger } from '../src/provider/simulated-ledger';
import { SimulatedProvider } from '../src/provider/simulated-provider';
import {
  admin,
  authorize,
  AUTHORIZE,
  CAPTURE,
  captured,
  codes,
  customer,
  guest,
  orders,
  PAYMENT_FOR_ORDER,
  RECONCILE,
  service,
  startPayments,
  VOID,
  type PaymentsHarness,
} from './helpers';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await startPayments();
});
afterAll(async () => {
  await h.stop();
});

const auth = (vars: Record<string, unknown> = {}) =>
  h.call(orders, AUTHORIZE, { orderId: randomUUID(), amount: '100.00', currencyCode: 'USD', paymentToken: 'tok_visa', idempotencyKey: `auth-${randomUUID()}`, ...vars });
const ledgerRows = async (key: string) => (await h.sql('SELECT count(*)::int AS n FROM simulated_provider_operations WHERE idempotency_key = $1', [key]))[0].n;
const calls = (paymentId: string) => h.sql('SELECT operation, outcome, idempotency_key, request, response, duration_ms FROM provider_calls WHERE payment_id = $1 ORDER BY id', [paymentId]);

describe('authorizePayment', () => {
  it('authorizes tok_visa and tok_mastercard with brand and last four', async () => {
    const visa = (await auth()).data!.authorizePayment;
    expect(visa).toMatchObject({ payment: { status: 'AUTHORIZED', amount: { amount: '100.00', currencyCode: 'USD' }, cardBrand: 'visa', cardLast4: '4242', refunds: [] }, declineCode: null, userErrors: [] });
    const mc = (await auth({ paymentToken: 'tok_mastercard', amount: '12.5' })).data!.authorizePayment;
    expect(mc.payment).toMatchObject({ status: 'AUTHORIZED', amount: { amount: '12.50' }, cardBrand: 'mastercard', cardLast4: '4444' });
  });

  it('declines with distinct reasons in the message and declineCode', async () => {
    const declined = (await auth({ paymentToken: 'tok_chargeDeclined' })).data!.authorizePayment;
    expect(declined).toMatchObject({ payment: { status: 'FAILED', declineCode: 'card_declined', cardLast4: '0002' }, declineCode: 'card_declined' });
    expect(declined.userErrors).toEqual([{ code: 'PAYMENT_DECLINED', field: null, message: expect.stringContaining('card_declined') }]);
    const poor = (await auth({ paymentToken: 'tok_insufficientFunds' })).data!.authorizePayment;
    expect(poor).toMatchObject({ payment: { status: 'FAILED' }, declineCode: 'insufficient_funds', userErrors: [{ code: 'PAYMENT_DECLINED', message: expect.stringContaining('insufficient funds') }] });
  });

  it('refuses bad input with INVALID and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ amount: '0' }, 'amount'],
      [{ amount: '1.001' }, 'amount'],
      [{ currencyCode: 'usd' }, 'currencyCode'],
      [{ orderId: 'order-1' }, 'orderId'],
      [{ idempotencyKey: '' }, 'idempotencyKey'],
      [{ userId: 'someone' }, 'userId'],
      [{ savePaymentMethod: true }, 'savePaymentMethod'],
      [{ paymentToken: '' }, 'paymentToken'],
    ];
    const before = (await h.sql('SELECT count(*)::int AS n FROM payments'))[0].n;
    for (const [vars, field] of cases) {
      const payload = (await auth(vars)).data!.authorizePayment;
      expect({ field, payload }).toEqual({ field, payload: { payment: null, declineCode: null, userErrors: [expect.objectContaining({ code: 'INVALID', field })] } });
    }
    expect((await h.sql('SELECT count(*)::int AS n FROM payments'))[0].n).toBe(before);
  });

  it('answers an unknown token with INVALID on paymentToken (the provider did not issue it)', async () => {
    const payload = (await auth({ paymentToken: '4242424242424242' })).data!.authorizePayment;
    expect(payload).toMatchObject({ payment: { status: 'FAILED', declineCode: 'invalid_token' }, userErrors: [{ code: 'INVALID', field: 'paymentToken' }] });
  });

  it('is idempotent by key: one payment, one provider ledger row, the first result', async () => {
    const key = `auth-${randomUUID()}`;
    const orderId = randomUUID();
    const results = await Promise.all(Array.from({ length: 4 }, () => auth({ orderId, idempotencyKey: key })));
    const ids = new Set(results.map((r) => r.data!.authorizePayment.payment.id));
    expect(ids.size).toBe(1);
    expect(results.map((r) => r.data!.authorizePayment.payment.status)).toEqual(['AUTHORIZED', 'AUTHORIZED', 'AUTHORIZED', 'AUTHORIZED']);
    expect((await h.sql('SELECT count(*)::int AS n FROM payments WHERE authorize_key = $1', [key]))[0].n).toBe(1);
    expect(await ledgerRows(`authorize:${key}`)).toBe(1);
    // a declined first result stays the answer
    const declinedKey = `auth-${randomUUID()}`;
    const first = (await auth({ orderId, idempotencyKey: declinedKey, paymentToken: 'tok_chargeDeclined' })).data!.authorizePayment;
    const again = (await auth({ orderId, idempotencyKey: declinedKey, paymentToken: 'tok_chargeDeclined' })).data!.authorizePayment;
    expect(again).toEqual(first);
    expect(await ledgerRows(`authorize:${declinedKey}`)).toBe(1);
  });

  it('refuses a key reused for another order or amount (IDEMPOTENCY_KEY_REUSED)', async () => {
    const a = await authorize(h);
    expect(codes((await auth({ idempotencyKey: a.key })).data!.authorizePayment)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(codes((await auth({ idempotencyKey: a.key, orderId: a.orderId, amount: '99.00' })).data!.authorizePayment)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('writes one provider log row per call: operation, request, response, duration, outcome', async () => {
    const a = await captured(h);
    const rows = await calls(a.paymentId);
    expect(rows.map((r) => [r.operation, r.outcome])).toEqual([['authorize', 'SUCCEEDED'], ['capture', 'SUCCEEDED']]);
    expect(rows[0]).toMatchObject({ idempotency_key: `authorize:${a.key}`, request: { amountCents: 10000, currencyCode: 'USD', paymentToken: 'tok_visa' }, response: { status: 'succeeded', card: { last4: '4242' } } });
    expect(rows.every((r) => Number.isInteger(r.duration_ms) && r.duration_ms >= 0)).toBe(true);
    const declined = (await auth({ paymentToken: 'tok_insufficientFunds' })).data!.authorizePayment.payment;
    expect((await calls(declined.id)).map((r) => [r.operation, r.outcome])).toEqual([['authorize', 'DECLINED']]);
  });
});

describe('tok_timeout and reconciliation', () => {
  it('leaves the payment PENDING with PROVIDER_UNAVAILABLE, and reconcile finds the truth by lookup', async () => {
    const orderId = randomUUID();
    const key = `auth-${randomUUID()}`;
    const first = (await auth({ orderId, idempotencyKey: key, paymentToken: 'tok_timeout' })).data!.authorizePayment;
    expect(first).toMatchObject({ payment: { status: 'PENDING', cardLast4: null }, userErrors: [{ code: 'PROVIDER_UNAVAILABLE' }] });
    // the provider did it: its ledger says so, ours does not know yet
    expect(await ledgerRows(`authorize:${key}`)).toBe(1);
    expect((await h.call(orders, PAYMENT_FOR_ORDER, { orderId })).data!.paymentForOrder).toMatchObject({ id: first.payment.id, status: 'PENDING' });

    const reconciled = (await h.call(orders, RECONCILE, { orderId })).data!.reconcilePayment;
    expect(reconciled).toMatchObject({ payment: { id: first.payment.id, status: 'AUTHORIZED', cardBrand: 'visa', cardLast4: '0341' }, userErrors: [] });
    expect((await calls(first.payment.id)).map((r) => [r.operation, r.outcome])).toEqual([['authorize', 'TIMEOUT'], ['lookup', 'SUCCEEDED']]);
    // repeating the authorization now returns the reconciled result without asking the provider
    expect((await auth({ orderId, idempotencyKey: key, paymentToken: 'tok_timeout' })).data!.authorizePayment).toMatchObject({ payment: { status: 'AUTHORIZED' }, userErrors: [] });
    expect((await calls(first.payment.id)).length).toBe(2);
  });

  it('voids a PENDING payment after looking it up (the saga compensating a lost answer)', async () => {
    const orderId = randomUUID();
    await auth({ orderId, paymentToken: 'tok_timeout' });
    const voided = (await h.call(orders, VOID, { orderId, idempotencyKey: `void-${randomUUID()}` })).data!.voidPayment;
    expect(voided).toMatchObject({ payment: { status: 'VOIDED' }, userErrors: [] });
  });

  it('marks FAILED what the provider never received', async () => {
    const provider = h.deps.provider;
    const down = new SimulatedProvider(tableLedger(h.deps.database.dataSource), { latencyMs: 0, failureRate: 1 });
    const orderId = randomUUID();
    h.deps.provider = down;
    let first;
    try {
      first = (await auth({ orderId })).data!.authorizePayment;
    } finally {
      h.deps.provider = provider;
    }
    expect(first).toMatchObject({ payment: { status: 'PENDING' }, userErrors: [{ code: 'PROVIDER_UNAVAILABLE' }] });
    expect((await calls(first.payment.id)).map((r) => r.outcome)).toEqual(['ERROR']);
    const reconciled = (await h.call(orders, RECONCILE, { orderId })).data!.reconcilePayment;
    expect(reconciled).toMatchObject({ payment: { status: 'FAILED', declineCode: 'provider_not_reached' }, userErrors: [{ code: 'PROVIDER_UNAVAILABLE' }] });
  });

  it('answers NOT_FOUND for an order without a payment', async () => {
    expect(codes((await h.call(orders, RECONCILE, { orderId: randomUUID() })).data!.reconcilePayment)).toEqual(['NOT_FOUND']);
    expect((await h.call(orders, PAYMENT_FOR_ORDER, { orderId: randomUUID() })).data!.paymentForOrder).toBeNull();
  });
});

describe('capturePayment and voidPayment', () => {
  it('captures by payment id or order id, idempotently, with one provider ledger row', async () => {
    const a = await authorize(h);
    const key = `cap-${randomUUID()}`;
    const first = (await h.call(orders, CAPTURE, { orderId: a.orderId, idempotencyKey: key })).data!.capturePayment;
    expect(first).toMatchObject({ payment: { id: a.paymentId, status: 'CAPTURED' }, userErrors: [] });
    const again = (await h.call(orders, CAPTURE, { paymentId: a.paymentId, idempotencyKey: key })).data!.capturePayment;
    expect(again).toEqual(first);
    expect(await ledgerRows(`capture:${key}`)).toBe(1);
    // captured money cannot be voided
    expect((await h.call(orders, VOID, { paymentId: a.paymentId, idempotencyKey: `void-${randomUUID()}` })).data!.voidPayment).toMatchObject({ payment: { status: 'CAPTURED' }, userErrors: [{ code: 'INVALID' }] });
  });

  it('voids an authorization idempotently; a voided or failed payment cannot be captured', async () => {
    const a = await authorize(h);
    const key = `void-${randomUUID()}`;
    const voided = (await h.call(orders, VOID, { paymentId: a.paymentId, idempotencyKey: key })).data!.voidPayment;
    expect(voided).toMatchObject({ payment: { status: 'VOIDED' }, userErrors: [] });
    expect((await h.call(orders, VOID, { paymentId: a.paymentId, idempotencyKey: key })).data!.voidPayment).toEqual(voided);
    expect(await ledgerRows(`void:${key}`)).toBe(1);
    expect(codes((await h.call(orders, CAPTURE, { paymentId: a.paymentId, idempotencyKey: `cap-${randomUUID()}` })).data!.capturePayment)).toEqual(['INVALID']);
    const failed = (await auth({ paymentToken: 'tok_chargeDeclined' })).data!.authorizePayment.payment;
    expect(codes((await h.call(orders, CAPTURE, { paymentId: failed.id, idempotencyKey: `cap-${randomUUID()}` })).data!.capturePayment)).toEqual(['INVALID']);
    expect((await h.call(orders, VOID, { paymentId: failed.id, idempotencyKey: `void-${randomUUID()}` })).data!.voidPayment).toMatchObject({ payment: { status: 'FAILED' }, userErrors: [] });
  });

  it('serialises a concurrent capture and void of one payment: exactly one wins', async () => {
    const a = await authorize(h);
    const [cap, vo] = await Promise.all([
      h.call(orders, CAPTURE, { paymentId: a.paymentId, idempotencyKey: `cap-${randomUUID()}` }),
      h.call(orders, VOID, { paymentId: a.paymentId, idempotencyKey: `void-${randomUUID()}` }),
    ]);
    const final = (await h.call(orders, PAYMENT_FOR_ORDER, { orderId: a.orderId })).data!.paymentForOrder.status;
    expect(['CAPTURED', 'VOIDED']).toContain(final);
    const winner = final === 'CAPTURED' ? cap.data!.capturePayment : vo.data!.voidPayment;
    const loser = final === 'CAPTURED' ? vo.data!.voidPayment : cap.data!.capturePayment;
    expect(winner.userErrors).toEqual([]);
    expect(codes(loser)).toEqual(['INVALID']);
  });

  it('answers NOT_FOUND and INVALID for bad references', async () => {
    expect(codes((await h.call(orders, CAPTURE, { paymentId: randomUUID(), idempotencyKey: 'k' })).data!.capturePayment)).toEqual(['NOT_FOUND']);
    expect(codes((await h.call(orders, CAPTURE, { paymentId: 'nope', idempotencyKey: 'k' })).data!.capturePayment)).toEqual(['NOT_FOUND']);
    expect(codes((await h.call(orders, VOID, { idempotencyKey: 'k' })).data!.voidPayment)).toEqual(['INVALID']);
    expect(codes((await h.call(orders, VOID, { paymentId: randomUUID(), orderId: randomUUID(), idempotencyKey: 'k' })).data!.voidPayment)).toEqual(['INVALID']);
  });
});

describe('who may call the internal operations', () => {
  const errorCodes = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.code);

  it('refuses the gateway (any user, staff too) and services other than orders with FORBIDDEN', async () => {
    for (const caller of [guest, customer(), admin, service('cart'), service('shipping')]) {
      const result = await auth();
      expect(result.data!.authorizePayment.userErrors).toEqual([]);
      const refused = await h.call(caller, AUTHORIZE, { orderId: randomUUID(), amount: '1.00', currencyCode: 'USD', paymentToken: 'tok_visa', idempotencyKey: `auth-${randomUUID()}` });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      for (const doc of [CAPTURE, VOID]) expect(errorCodes(await h.call(caller, doc, { paymentId: randomUUID(), idempotencyKey: 'k' }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await h.call(caller, RECONCILE, { orderId: randomUUID() }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await h.call(caller, PAYMENT_FOR_ORDER, { orderId: randomUUID() }))).toEqual(['FORBIDDEN']);
    }
  });

  it('answers 401 to a direct call without the internal credential', async () => {
    const result = await postGraphQL(h.subgraph.url, PAYMENT_FOR_ORDER, { orderId: randomUUID() });
    expect(result.status).toBe(401);
  });
});

describe('card data', () => {
  it('never stores a card number: only brand, last four and expiry', async () => {
    await captured(h, { userId: randomUUID(), savePaymentMethod: true });
    await auth({ paymentToken: '4242424242424242' });
    expect((await h.sql('SELECT count(*)::int AS n FROM payment_methods'))[0].n).toBeGreaterThan(0);
    const tables = ['payments', 'refunds', 'payment_methods', 'provider_calls', 'simulated_provider_operations'];
    const panLike = /\b\d{13,19}\b/;
    for (const table of tables) {
      const rows = await h.sql(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      // a card number sent in place of a token is redacted wherever the request is written down
      const withNumber = rows.filter((r) => panLike.test(r.row));
      expect({ table, withNumber }).toEqual({ table, withNumber: [] });
    }
    const columns = await h.sql(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~ '(card_number|pan|cvc|cvv|^number$)'`);
    expect(columns).toEqual([]);
  });
});
