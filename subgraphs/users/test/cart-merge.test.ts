import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { guest, startUsers, type UsersHarness } from './helpers';

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;

/** A port nothing answers on: a listener is opened and closed again. */
async function deadPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let h: UsersHarness;
beforeAll(async () => {
  h = await startUsers({ CART_URL: `http://127.0.0.1:${await deadPort()}/graphql` });
});
afterAll(() => h?.stop());

describe('the guest cart at sign-in', () => {
  it('signs in when the cart subgraph does not answer, and announces the guest cart for a later merge', async () => {
    const c = await h.register();
    const guestCartId = randomUUID();
    const res = await h.call(guest, LOGIN, { input: { email: c.email, password: c.password, guestCartId } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.userErrors).toEqual([]);
    expect(res.data!.login.accessToken).toEqual(expect.any(String));
    const events = await h.sql(`SELECT queue, payload FROM outbox WHERE name = 'customer.signed-in' AND payload->>'guestCartId' = $1`, [guestCartId]);
    expect(events).toEqual([{ queue: 'cart', payload: expect.objectContaining({ userId: c.userId, guestCartId }) }]);
  });
});
