import { printSubgraphSchema } from '@apollo/subgraph';
import { randomUUID } from 'node:crypto';
import payments from '../src/subgraph';
import { admin, authorize, AUTHORIZE, codes, customer, guest, orders, startPayments, type PaymentsHarness } from './helpers';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await startPayments();
});
afterAll(async () => {
  await h.stop();
});

const METHODS = `query ($id: ID!) {
  _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { id paymentMethods { id brand last4 expMonth expYear isDefault } } }
}`;
const REMOVE = `mutation ($id: ID!) { removePaymentMethod(id: $id) { paymentMethods { id brand isDefault } userErrors { field code message } } }`;
const SET_DEFAULT = `mutation ($id: ID!) { setDefaultPaymentMethod(id: $id) { paymentMethods { id brand isDefault } userErrors { field code message } } }`;

const methodsOf = async (viewer: Parameters<PaymentsHarness['call']>[0], userId: string) => h.call(viewer, METHODS, { id: userId });

/** A customer with a saved visa (the default) and a saved mastercard. */
async function customerWithCards() {
  const c = customer();
  await authorize(h, { userId: c.identity.userId, savePaymentMethod: true });
  await authorize(h, { userId: c.identity.userId, savePaymentMethod: true, paymentToken: 'tok_mastercard' });
  return c;
}

describe('saved payment methods', () => {
  it('saves an approved card when asked, once, the first one as default', async () => {
    const c = await customerWithCards();
    await authorize(h, { userId: c.identity.userId, savePaymentMethod: true });
    await authorize(h, { userId: c.identity.userId, paymentToken: 'tok_mastercard' });
    const result = await methodsOf(c, c.identity.userId);
    expect(result.data!._entities[0].paymentMethods).toEqual([
      { id: expect.any(String), brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034, isDefault: true },
      { id: expect.any(String), brand: 'mastercard', last4: '4444', expMonth: 6, expYear: 2033, isDefault: false },
    ]);
  });

  it('declares User.paymentMethods and Order.payment private to caches', async () => {
    const sdl = printSubgraphSchema(await payments.buildSchema());
    expect(sdl).toMatch(/paymentMethods: \[PaymentMethod!\]! @cacheControl\(maxAge: 0, scope: PRIVATE\)/);
    expect(sdl).toMatch(/payment: Payment @cacheControl\(maxAge: 0, scope: PRIVATE\)/);
  });

  it('never saves a declined card', async () => {
    const c = customer();
    const declined = await h.call(orders, AUTHORIZE, { orderId: randomUUID(), amount: '5.00', currencyCode: 'USD', paymentToken: 'tok_chargeDeclined', idempotencyKey: `auth-${randomUUID()}`, userId: c.identity.userId, savePaymentMethod: true });
    expect(codes(declined.data!.authorizePayment)).toEqual(['PAYMENT_DECLINED']);
    expect((await methodsOf(c, c.identity.userId)).data!._entities[0].paymentMethods).toEqual([]);
  });

  it('is private: the owner and staff read it, others get FORBIDDEN', async () => {
    const c = await customerWithCards();
    expect((await methodsOf(admin, c.identity.userId)).data!._entities[0].paymentMethods).toHaveLength(2);
    for (const other of [customer(), guest]) {
      const result = await methodsOf(other, c.identity.userId);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('sets the default and removes cards of the caller only (NOT_FOUND otherwise)', async () => {
    const c = await customerWithCards();
    const [visa, mc] = (await methodsOf(c, c.identity.userId)).data!._entities[0].paymentMethods;
    const stranger = customer();
    expect(codes((await h.call(stranger, SET_DEFAULT, { id: mc.id })).data!.setDefaultPaymentMethod)).toEqual(['NOT_FOUND']);
    expect(codes((await h.call(stranger, REMOVE, { id: mc.id })).data!.removePaymentMethod)).toEqual(['NOT_FOUND']);
    expect(codes((await h.call(c, REMOVE, { id: 'not-an-id' })).data!.removePaymentMethod)).toEqual(['NOT_FOUND']);

    const set = (await h.call(c, SET_DEFAULT, { id: mc.id })).data!.setDefaultPaymentMethod;
    expect(set).toEqual({ paymentMethods: [{ id: mc.id, brand: 'mastercard', isDefault: true }, { id: visa.id, brand: 'visa', isDefault: false }], userErrors: [] });
    const removed = (await h.call(c, REMOVE, { id: mc.id })).data!.removePaymentMethod;
    expect(removed).toEqual({ paymentMethods: [{ id: visa.id, brand: 'visa', isDefault: true }], userErrors: [] });
    expect(codes((await h.call(c, REMOVE, { id: mc.id })).data!.removePaymentMethod)).toEqual(['NOT_FOUND']);
  });

  it('needs a signed-in user for the mutations', async () => {
    const result = await h.call(guest, REMOVE, { id: randomUUID() });
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
