import { randomBytes } from 'node:crypto';
import { Role } from '../../../platform/auth/roles';
import { countStatements } from '../../../platform/db/statement-log';
import { isSessionRevoked } from '../../../platform/auth/revocation';
import { codes, guest, startUsers, type Customer, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

const LIST = `query ($first: Int, $after: String, $search: String) {
  users(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id email name roles } }
  }
}`;
const SET_ROLES = `mutation ($userId: ID!, $roles: [Role!]!) {
  setUserRoles(userId: $userId, roles: $roles) { user { id roles } userErrors { field message code } }
}`;

async function rolesOf(userId: string): Promise<string[]> {
  const [row] = await users.sql<{ roles: string[] }>('SELECT roles FROM users WHERE id = $1', [userId]);
  return row.roles;
}

async function auditCount(userId: string): Promise<number> {
  const [row] = await users.sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'ROLES_CHANGED' AND user_id = $1`, [userId]);
  return row.n;
}

describe('users (staff list)', () => {
  it('pages through accounts in e-mail order and finds them by part of the e-mail or name', async () => {
    const admin = await users.admin();
    const tag = randomBytes(3).toString('hex');
    const made: Customer[] = [];
    for (let i = 0; i < 5; i++) made.push(await users.register(`Pat ${tag} ${i}`));
    const byName = await users.call(admin, LIST, { search: tag.toUpperCase(), first: 2 });
    expect(byName.errors).toBeUndefined();
    const page1 = byName.data!.users;
    expect(page1.totalCount).toBe(5);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const rest = (await users.call(admin, LIST, { search: tag, first: 10, after: page1.pageInfo.endCursor })).data!.users;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const emails = [...page1.edges, ...rest.edges].map((e: { node: { email: string } }) => e.node.email);
    expect(emails).toEqual(made.map((c) => c.email).sort());

    const byEmail = (await users.call(admin, LIST, { search: made[3].email.slice(0, 10) })).data!.users;
    expect(byEmail.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([made[3].userId]);
  });

  it('treats % and _ in the search as plain characters', async () => {
    const admin = await users.admin();
    const res = await users.call(admin, LIST, { search: '%' });
    expect(res.data!.users.totalCount).toBe(0);
  });

  it('refuses a customer with FORBIDDEN and a guest with UNAUTHENTICATED', async () => {
    const c = await users.register();
    const asCustomer = await users.call(c, LIST);
    expect(asCustomer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(asCustomer.data?.users ?? null).toBeNull();
    const asGuest = await users.call(guest, LIST);
    expect(asGuest.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('setUserRoles', () => {
  it('makes a customer staff and back; taking ADMIN away ends their sessions', async () => {
    const admin = await users.admin();
    const c = await users.register();
    const promoted = await users.call(admin, SET_ROLES, { userId: c.userId, roles: ['CUSTOMER', 'ADMIN'] });
    expect(promoted.data!.setUserRoles).toEqual({ user: { id: c.userId, roles: ['ADMIN', 'CUSTOMER'] }, userErrors: [] });
    expect(await isSessionRevoked(users.deps.redis, c.identity.sessionId)).toBe(false);

    const demoted = await users.call(admin, SET_ROLES, { userId: c.userId, roles: ['CUSTOMER'] });
    expect(demoted.data!.setUserRoles.user.roles).toEqual(['CUSTOMER']);
    expect(await rolesOf(c.userId)).toEqual(['CUSTOMER']);
    expect(await isSessionRevoked(users.deps.redis, c.identity.sessionId)).toBe(true);
    const refresh = await users.call(guest, `mutation ($t: String!) { refreshToken(refreshToken: $t) { userErrors { code } } }`, { t: c.refreshToken });
    expect(codes(refresh.data!.refreshToken)).toEqual(['INVALID_TOKEN']);

    const [last] = await users.sql(
      `SELECT details FROM audit_events WHERE kind = 'ROLES_CHANGED' AND user_id = $1 ORDER BY id DESC LIMIT 1`,
      [c.userId],
    );
    expect(last.details).toMatchObject({ from: ['ADMIN', 'CUSTOMER'], to: ['CUSTOMER'], changedBy: admin.userId });
    expect(await auditCount(c.userId)).toBe(2);
  });

  it('refuses a customer with FORBIDDEN and changes nothing', async () => {
    const c = await users.register();
    const victim = await users.register();
    for (const target of [c.userId, victim.userId]) {
      const res = await users.call(c, SET_ROLES, { userId: target, roles: ['ADMIN', 'CUSTOMER'] });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.data?.setUserRoles ?? null).toBeNull();
      expect(await rolesOf(target)).toEqual(['CUSTOMER']);
      expect(await auditCount(target)).toBe(0);
    }
    const asGuest = await users.call(guest, SET_ROLES, { userId: victim.userId, roles: ['ADMIN'] });
    expect(asGuest.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await rolesOf(victim.userId)).toEqual(['CUSTOMER']);
  });

  it("refuses to take away the caller's own ADMIN role", async () => {
    const admin = await users.admin();
    const res = await users.call(admin, SET_ROLES, { userId: admin.userId, roles: ['CUSTOMER'] });
    expect(res.data!.setUserRoles).toMatchObject({ user: null, userErrors: [{ code: 'CANNOT_REMOVE_OWN_ADMIN', field: 'roles' }] });
    expect(await rolesOf(admin.userId)).toEqual([Role.ADMIN, Role.CUSTOMER]);
    expect(await auditCount(admin.userId)).toBe(0);
  });

  it("refuses to take away the caller's own ADMIN role when the id is written in upper case", async () => {
    const admin = await users.admin();
    const res = await users.call(admin, SET_ROLES, { userId: admin.userId.toUpperCase(), roles: ['CUSTOMER'] });
    expect(res.data!.setUserRoles).toMatchObject({ user: null, userErrors: [{ code: 'CANNOT_REMOVE_OWN_ADMIN', field: 'roles' }] });
    expect(await rolesOf(admin.userId)).toEqual([Role.ADMIN, Role.CUSTOMER]);
  });

  it('answers NOT_FOUND for an unknown account, BAD_USER_INPUT for an id that is no UUID and INVALID for no roles', async () => {
    const admin = await users.admin();
    const c = await users.register();
    expect(codes((await users.call(admin, SET_ROLES, { userId: '00000000-0000-4000-8000-000000000000', roles: ['CUSTOMER'] })).data!.setUserRoles)).toEqual(['NOT_FOUND']);
    const malformed = await users.call(admin, SET_ROLES, { userId: 'not-a-uuid', roles: ['CUSTOMER'] });
    expect(malformed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'userId' });
    expect(codes((await users.call(admin, SET_ROLES, { userId: c.userId, roles: [] })).data!.setUserRoles)).toEqual(['INVALID']);
    expect(await rolesOf(c.userId)).toEqual(['CUSTOMER']);
  });
});

describe('User references', () => {
  it('resolves 50 with one SQL statement, in the order asked', async () => {
    const tag = randomBytes(3).toString('hex');
    const rows = await users.sql<{ id: string }>(
      `INSERT INTO users (email, name, password_hash) SELECT 'ref-' || $1 || '-' || i || '@example.com', 'Customer ' || i, 'x' FROM generate_series(1, 50) i RETURNING id`,
      [tag],
    );
    const ids = rows.map((r) => r.id).reverse();
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name } } }`;
    const { result, counts } = await countStatements([users.deps.database.statements], () => users.call(guest, query, { r: ids.map((id) => ({ __typename: 'User', id })) }));
    expect(result.data!._entities.map((u: { id: string }) => u.id)).toEqual(ids);
    expect(counts.total).toBe(1);
  });
});
