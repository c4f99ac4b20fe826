import jwt from 'jsonwebtoken';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { localAccessKeys } from '../platform/auth/access-keys';
import { defaultKeyFolder } from '../platform/config';
import { asGateway, postGraphQL } from '../platform/testing/graphql-client';
import { sharedStack } from './shared-stack';
import type { StackClient } from './stack-client';
import { storefront as op } from './operations';

let stack: StackClient;
beforeAll(async () => {
  stack = await sharedStack();
});
afterAll(() => stack?.stop());

const address = { street: '99 Sukhumvit Rd', city: 'Bangkok', postalCode: '10110', country: 'TH', latitude: 13.7367, longitude: 100.5605 };
const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);

/** Accounts with this e-mail (other files register customers on the same stack meanwhile). */
async function accountsWith(email: string): Promise<number> {
  const [row] = await stack.sql('users', 'SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
  return row.n;
}

describe('registration', () => {
  it('creates an account, signs it in and returns its tokens', async () => {
    const email = `new-${Date.now()}@example.com`;
    const res = await stack.call(op.Register, { input: { email, password: 'a fine passphrase', name: 'Ann', gender: 'FEMALE', dateOfBirth: '1990-04-01' } });
    const payload = res.data!.register;
    expect(payload.userErrors).toEqual([]);
    expect(payload.user).toMatchObject({ email, name: 'Ann' });
    expect(payload.expiresIn).toBe(900);
    const me = await stack.call(op.Me, {}, payload.accessToken);
    expect(me.data!.me).toMatchObject({ email, name: 'Ann', gender: 'FEMALE', dateOfBirth: '1990-04-01', addresses: [] });
  });

  it.each([
    ['a taken e-mail', { email: 'TAKEN' }, 'EMAIL_TAKEN'],
    ['a weak password', { password: 'short' }, 'WEAK_PASSWORD'],
    ['a bad e-mail', { email: 'not-an-email' }, 'INVALID'],
    ['an impossible birth date', { dateOfBirth: '2001-02-30' }, 'INVALID'],
  ])('refuses %s with its code and creates nothing', async (_what, change, code) => {
    const existing = await stack.registerCustomer();
    const input = { email: `x-${Date.now()}@example.com`, password: 'a fine passphrase', name: 'Bo', ...change };
    if (input.email === 'TAKEN') input.email = existing.email.toUpperCase();
    const before = await accountsWith(input.email);
    const res = await stack.call(op.Register, { input });
    expect(codes(res.data!.register)).toEqual([code]);
    expect(res.data!.register.accessToken).toBeNull();
    expect(await accountsWith(input.email)).toBe(before);
  });
});

describe('login', () => {
  it('signs in with the right password', async () => {
    const c = await stack.registerCustomer();
    const res = await stack.call(op.Login, { input: { email: c.email, password: c.password } });
    expect(res.data!.login.userErrors).toEqual([]);
    expect(res.data!.login.user.id).toBe(c.userId);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const c = await stack.registerCustomer();
    const wrong = await stack.call(op.Login, { input: { email: c.email, password: 'not the password' } });
    const unknown = await stack.call(op.Login, { input: { email: `nobody-${Date.now()}@example.com`, password: 'not the password' } });
    expect(wrong.data!.login).toEqual(unknown.data!.login);
    expect(codes(wrong.data!.login)).toEqual(['INVALID_CREDENTIALS']);
    const [row] = await stack.sql(
      'users',
      `SELECT count(*)::int AS n FROM audit_events WHERE kind = 'LOGIN_FAILED' AND email = $1`,
      [c.email],
    );
    expect(row.n).toBe(1);
  });
});

describe('sessions', () => {
  it('rotates refresh tokens; the old one stops working', async () => {
    const c = await stack.registerCustomer();
    const first = await stack.call(op.RefreshToken, { refreshToken: c.refreshToken });
    expect(first.data!.refreshToken.userErrors).toEqual([]);
    const next = first.data!.refreshToken.refreshToken;
    expect(next).not.toBe(c.refreshToken);
    const me = await stack.call(op.Me, {}, first.data!.refreshToken.accessToken);
    expect(me.data!.me.id).toBe(c.userId);
  });

  /** Moves the moment `token` was traded back by `seconds`, past the reuse grace window. */
  const agoRotated = (token: string, seconds: number) =>
    stack.sql(
      'users',
      `UPDATE refresh_tokens SET rotated_at = rotated_at - make_interval(secs => $2) WHERE token_hash = $1`,
      [createHash('sha256').update(token).digest('hex'), seconds],
    );

  it('two refreshes with the same token at once both succeed with the same working successor; after the grace window it revokes the session', async () => {
    const c = await stack.registerCustomer();
    const [a, b] = await Promise.all([0, 1].map(() => stack.call(op.RefreshToken, { refreshToken: c.refreshToken })));
    expect(codes(a.data!.refreshToken)).toEqual([]);
    expect(codes(b.data!.refreshToken)).toEqual([]);
    expect(a.data!.refreshToken.refreshToken).toBe(b.data!.refreshToken.refreshToken);
    for (const tokens of [a.data!.refreshToken, b.data!.refreshToken]) {
      expect((await stack.call(op.Me, {}, tokens.accessToken)).data!.me.id).toBe(c.userId);
    }
    const successor = a.data!.refreshToken.refreshToken as string;

    await agoRotated(c.refreshToken, 11);
    expect(codes((await stack.call(op.RefreshToken, { refreshToken: c.refreshToken })).data!.refreshToken)).toEqual(['REFRESH_TOKEN_REUSED']);
    expect(codes((await stack.call(op.RefreshToken, { refreshToken: successor })).data!.refreshToken)).toEqual(['INVALID_TOKEN']);
    expect((await stack.call(op.Me, {}, a.data!.refreshToken.accessToken)).status).toBe(401);
  });

  it('within the grace window, a token whose successor was already traded counts as reuse', async () => {
    const c = await stack.registerCustomer();
    const next = (await stack.call(op.RefreshToken, { refreshToken: c.refreshToken })).data!.refreshToken;
    expect(codes((await stack.call(op.RefreshToken, { refreshToken: next.refreshToken })).data!.refreshToken)).toEqual([]);
    expect(codes((await stack.call(op.RefreshToken, { refreshToken: c.refreshToken })).data!.refreshToken)).toEqual(['REFRESH_TOKEN_REUSED']);
  });

  it('revokes the whole session when a rotated refresh token comes back after the grace window', async () => {
    const c = await stack.registerCustomer();
    const rotated = (await stack.call(op.RefreshToken, { refreshToken: c.refreshToken })).data!.refreshToken;
    await agoRotated(c.refreshToken, 11);
    const replay = await stack.call(op.RefreshToken, { refreshToken: c.refreshToken });
    expect(codes(replay.data!.refreshToken)).toEqual(['REFRESH_TOKEN_REUSED']);
    // the legitimate successor is dead too, and so are the session's access tokens
    expect(codes((await stack.call(op.RefreshToken, { refreshToken: rotated.refreshToken })).data!.refreshToken)).toEqual(['INVALID_TOKEN']);
    const me = await stack.call(op.Me, {}, rotated.accessToken);
    expect(me.status).toBe(401);
    expect(me.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('logout stops the access and refresh tokens at once', async () => {
    const c = await stack.registerCustomer();
    const out = await stack.call(op.Logout, {}, c.accessToken);
    expect(out.data!.logout).toEqual({ success: true, userErrors: [] });
    const me = await stack.call(op.Me, {}, c.accessToken);
    expect(me.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(codes((await stack.call(op.RefreshToken, { refreshToken: c.refreshToken })).data!.refreshToken)).toEqual(['INVALID_TOKEN']);
  });

  it('logout needs a signed-in user', async () => {
    const res = await stack.call(op.Logout);
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('treats guests as guests: me is null', async () => {
    expect((await stack.call(op.Me)).data!.me).toBeNull();
  });
});

describe('tokens that must not work', () => {
  const { kid, key } = localAccessKeys(defaultKeyFolder('test')).signing!;
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const claims = { sid: '00000000-0000-4000-8000-000000000000', roles: ['ADMIN'] };
  const forged: [string, string][] = [
    ['alg none', jwt.sign(claims, '', { algorithm: 'none', subject: 'x', issuer: 'commerce-supergraph', audience: 'commerce-api' })],
    ['a foreign key', jwt.sign(claims, stranger, { algorithm: 'ES256', keyid: kid, subject: 'x', issuer: 'commerce-supergraph', audience: 'commerce-api', expiresIn: 60 })],
    ['an expired token', jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }, key, { algorithm: 'ES256', keyid: kid, subject: 'x', issuer: 'commerce-supergraph', audience: 'commerce-api' })],
    ['garbage', 'definitely.not.ajwt'],
  ];
  it.each(forged)('refuses %s with UNAUTHENTICATED', async (_name, token) => {
    const res = await stack.call(op.Me, {}, token);
    expect(res.status).toBe(401);
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });
});

describe('profile and addresses', () => {
  it('updates the profile', async () => {
    const c = await stack.registerCustomer();
    const res = await stack.call(op.UpdateProfile, { input: { name: 'Renamed', subscribedToNewsletter: true, gender: 'OTHER' } }, c.accessToken);
    expect(res.data!.updateProfile).toEqual({
      user: { id: c.userId, name: 'Renamed', dateOfBirth: null, gender: 'OTHER', subscribedToNewsletter: true },
      userErrors: [],
    });
    // read-your-writes: the very next read sees it
    expect((await stack.call(op.Me, {}, c.accessToken)).data!.me.name).toBe('Renamed');
  });

  it('keeps exactly one default address through add, update and delete', async () => {
    const c = await stack.registerCustomer();
    const first = (await stack.call(op.AddAddress, { input: { ...address, label: 'Home', type: 'HOME' } }, c.accessToken)).data!.addAddress;
    expect(first.userErrors).toEqual([]);
    expect(first.address).toMatchObject({ label: 'Home', type: 'HOME', isDefault: true, country: 'TH', latitude: 13.7367 });
    const second = (await stack.call(op.AddAddress, { input: { ...address, label: 'Office', type: 'WORK', isDefault: true } }, c.accessToken)).data!.addAddress;
    expect(second.address.isDefault).toBe(true);
    let me = (await stack.call(op.Me, {}, c.accessToken)).data!.me;
    expect(me.addresses.map((a: { label: string; isDefault: boolean }) => [a.label, a.isDefault])).toEqual([['Office', true], ['Home', false]]);

    const updated = await stack.call(op.UpdateAddress, { id: first.address.id, input: { ...address, city: 'Chiang Mai', deliveryInstructions: 'Ring twice' } }, c.accessToken);
    expect(updated.data!.updateAddress.address).toMatchObject({ city: 'Chiang Mai', deliveryInstructions: 'Ring twice', isDefault: false });

    const deleted = await stack.call(op.DeleteAddress, { id: second.address.id }, c.accessToken);
    expect(deleted.data!.deleteAddress).toEqual({ deletedId: second.address.id, userErrors: [] });
    me = (await stack.call(op.Me, {}, c.accessToken)).data!.me;
    expect(me.addresses).toEqual([expect.objectContaining({ id: first.address.id, isDefault: true })]);
  });

  it.each([
    [{ latitude: 90.5 }, 'input.latitude'],
    [{ longitude: -181 }, 'input.longitude'],
    [{ country: 'ZZ' }, 'input.country'],
  ])('refuses %j with INVALID and stores nothing', async (change, field) => {
    const c = await stack.registerCustomer();
    const res = await stack.call(op.AddAddress, { input: { ...address, ...change } }, c.accessToken);
    expect(res.data!.addAddress).toEqual({ address: null, userErrors: [expect.objectContaining({ code: 'INVALID', field })] });
    expect((await stack.call(op.Me, {}, c.accessToken)).data!.me.addresses).toEqual([]);
  });

  it("never touches another customer's address", async () => {
    const owner = await stack.registerCustomer();
    const other = await stack.registerCustomer();
    const mine = (await stack.call(op.AddAddress, { input: address }, owner.accessToken)).data!.addAddress.address;
    const update = await stack.call(op.UpdateAddress, { id: mine.id, input: { ...address, city: 'Stolen' } }, other.accessToken);
    expect(codes(update.data!.updateAddress)).toEqual(['NOT_FOUND']);
    const del = await stack.call(op.DeleteAddress, { id: mine.id }, other.accessToken);
    expect(codes(del.data!.deleteAddress)).toEqual(['NOT_FOUND']);
    const badId = await stack.call(op.DeleteAddress, { id: 'not-a-uuid' }, other.accessToken);
    expect(codes(badId.data!.deleteAddress)).toEqual(['NOT_FOUND']);
    const me = (await stack.call(op.Me, {}, owner.accessToken)).data!.me;
    expect(me.addresses).toEqual([expect.objectContaining({ id: mine.id, city: 'Bangkok' })]);
  });

  it('needs a signed-in user', async () => {
    const res = await stack.call(op.AddAddress, { input: address });
    expect(res.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('the users subgraph behind the gateway', () => {
  const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name email } } }`;

  it('refuses requests without the internal credential', async () => {
    const c = await stack.registerCustomer();
    const direct = await postGraphQL(stack.subgraphs.users.url, entities, { r: [{ __typename: 'User', id: c.userId }] });
    expect(direct.status).toBe(401);
    expect(direct.data).toBeUndefined();
    const forged = await postGraphQL(stack.subgraphs.users.url, entities, { r: [{ __typename: 'User', id: c.userId }] }, { 'x-internal-token': jwt.sign({ caller: 'gateway' }, 'guessed secret', { audience: 'subgraphs' }) });
    expect(forged.status).toBe(401);
    // a genuine credential, but for the catalog
    const forCatalog = await postGraphQL(stack.subgraphs.users.url, entities, { r: [{ __typename: 'User', id: c.userId }] }, asGateway(stack.internalSecret, 'catalog'));
    expect(forCatalog.status).toBe(401);
  });
});
