import { codes, startUsers, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

/** A database of its own: the only admins in it are the ones these tests make. */
let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

const SET_ROLES = `mutation ($userId: ID!, $roles: [Role!]!) {
  setUserRoles(userId: $userId, roles: $roles) { user { id roles } userErrors { field message code } }
}`;

const adminCount = async () => (await users.sql<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE 'ADMIN' = ANY(roles)`))[0].n;

describe('the last admin', () => {
  it('two admins taking ADMIN from each other at once: one succeeds, the other gets LAST_ADMIN, one admin remains', async () => {
    const [a, b] = [await users.admin(), await users.admin()];
    expect(await adminCount()).toBe(2);
    const results = await Promise.all([
      users.call(a, SET_ROLES, { userId: b.userId, roles: ['CUSTOMER'] }),
      users.call(b, SET_ROLES, { userId: a.userId, roles: ['CUSTOMER'] }),
    ]);
    expect(results.map((r) => codes(r.data!.setUserRoles).join()).sort()).toEqual(['', 'LAST_ADMIN']);
    expect(await adminCount()).toBe(1);

    // the remaining admin cannot be demoted by anyone either
    const [row] = await users.sql<{ id: string }>(`SELECT id FROM users WHERE 'ADMIN' = ANY(roles)`);
    const other = row.id === a.userId ? b : a;
    const res = await users.call(other, SET_ROLES, { userId: row.id, roles: ['CUSTOMER'] });
    expect(res.data!.setUserRoles).toMatchObject({ user: null, userErrors: [{ code: 'LAST_ADMIN', field: 'roles' }] });
    expect(await adminCount()).toBe(1);
  });
});
