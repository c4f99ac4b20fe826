import { randomUUID } from 'node:crypto';
import { countStatements } from '../../../platform/db/statement-log';
import { admin, authorize, captured, customer, guest, orders, REFUND, startPayments, type PaymentsHarness } from './helpers';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await startPayments();
});
afterAll(async () => {
  await h.stop();
});

/** The contract's OrderParts selection of Order.payment, as the gateway asks payments for it. */
const ORDER_PAYMENTS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Order { id payment { id status amount { amount currencyCode } cardBrand cardLast4 refunds { id amount { amount currencyCode } status createdAt } } }
  }
}`;
const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'Order', id }));

describe('Order.payment', () => {
  it("shows the payment to the order's customer and to staff, null to anyone else", async () => {
    const owner = customer();
    const a = await captured(h, { userId: owner.identity.userId });
    await h.call(admin, REFUND, { input: { paymentId: a.paymentId, amount: '10.00', idempotencyKey: `ref-${randomUUID()}` } });
    const view = async (viewer: Parameters<PaymentsHarness['call']>[0]) => (await h.call(viewer, ORDER_PAYMENTS, { representations: representations([a.orderId]) })).data!._entities[0].payment;
    const expected = {
      id: a.paymentId,
      status: 'PARTIALLY_REFUNDED',
      amount: { amount: '100.00', currencyCode: 'USD' },
      cardBrand: 'visa',
      cardLast4: '4242',
      refunds: [{ id: expect.any(String), amount: { amount: '10.00', currencyCode: 'USD' }, status: 'SUCCEEDED', createdAt: expect.any(String) }],
    };
    expect(await view(owner)).toEqual(expected);
    expect(await view(admin)).toEqual(expected);
    for (const other of [customer(), guest, orders]) expect(await view(other)).toBeNull();
  });

  it('shows a guest checkout’s payment to staff only, and null for an order without a payment', async () => {
    const a = await authorize(h);
    const result = await h.call(admin, ORDER_PAYMENTS, { representations: representations([a.orderId, randomUUID(), 'not-a-uuid']) });
    expect(result.data!._entities.map((e: { payment: unknown }) => e.payment)).toEqual([expect.objectContaining({ id: a.paymentId }), null, null]);
    expect((await h.call(customer(), ORDER_PAYMENTS, { representations: representations([a.orderId]) })).data!._entities[0].payment).toBeNull();
  });

  it('shows the latest attempt when a declined card was followed by another', async () => {
    const owner = customer();
    const orderId = randomUUID();
    await h.call(orders, `mutation ($o: ID!, $u: ID, $k: String!) { authorizePayment(orderId: $o, amount: "5.00", currencyCode: "USD", paymentToken: "tok_chargeDeclined", idempotencyKey: $k, userId: $u) { payment { id } } }`, { o: orderId, u: owner.identity.userId, k: `auth-${randomUUID()}` });
    const second = await authorize(h, { orderId, userId: owner.identity.userId, amount: '5.00' });
    const payment = (await h.call(owner, ORDER_PAYMENTS, { representations: representations([orderId]) })).data!._entities[0].payment;
    expect(payment).toMatchObject({ id: second.paymentId, status: 'AUTHORIZED' });
  });

  it('costs the same number of statements for 2 orders as for 12', async () => {
    const owner = customer();
    const orderIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const a = await captured(h, { userId: owner.identity.userId });
      await h.call(admin, REFUND, { input: { paymentId: a.paymentId, amount: '1.00', idempotencyKey: `ref-${randomUUID()}` } });
      orderIds.push(a.orderId);
    }
    const cost = async (ids: string[]) => {
      const { result, counts } = await countStatements([h.deps.database.statements], () => h.call(owner, ORDER_PAYMENTS, { representations: representations(ids) }));
      expect(result.data!._entities.every((e: { payment: { refunds: unknown[] } }) => e.payment.refunds.length === 1)).toBe(true);
      return counts.total;
    };
    const few = await cost(orderIds.slice(0, 2));
    expect(await cost(orderIds)).toBe(few);
    expect(few).toBeLessThanOrEqual(2);
  });
});
