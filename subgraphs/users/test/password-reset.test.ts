import argon2 from 'argon2';
import { isSessionRevoked } from '../../../platform/auth/revocation';
import { codes, guest, startUsers, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

const REQUEST = `mutation ($email: String!) { requestPasswordReset(email: $email) { success userErrors { field message code } } }`;
const RESET = `mutation ($token: String!, $pw: String!) { resetPassword(token: $token, newPassword: $pw) { success userErrors { field message code } } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken userErrors { code } } }`;

async function passwordHashOf(userId: string): Promise<string> {
  const [row] = await users.sql<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [userId]);
  return row.password_hash;
}

async function resetNotifications(userId: string) {
  return users.sql<{ id: string; status: string; body: string; secret: string | null; recipient: string }>(
    `SELECT id, status, body, secret, recipient FROM notifications WHERE user_id = $1 AND template = 'password-reset' ORDER BY seq`,
    [userId],
  );
}

describe('requestPasswordReset', () => {
  it('answers success for an unknown address and sends nothing', async () => {
    const email = `nobody-${Date.now()}@example.com`;
    const res = await users.call(guest, REQUEST, { email });
    expect(res.data!.requestPasswordReset).toEqual({ success: true, userErrors: [] });
    const [n] = await users.sql(`SELECT count(*)::int AS n FROM notifications WHERE recipient = $1`, [email]);
    expect(n.n).toBe(0);
    const [audit] = await users.sql(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'PASSWORD_RESET_REQUESTED' AND email = $1`, [email]);
    expect(audit.n).toBe(1);
  });

  it('answers a known address exactly like an unknown one, and queues a mail whose stored body holds no token', async () => {
    const c = await users.register();
    const known = await users.call(guest, REQUEST, { email: c.email.toUpperCase() });
    const unknown = await users.call(guest, REQUEST, { email: `nobody-${Date.now()}@example.com` });
    expect(known.data).toEqual(unknown.data);
    const [note] = await resetNotifications(c.userId);
    expect(note.recipient).toBe(c.email);
    expect(note.body).toContain('/reset-password?token={{secret}}');
    const [token] = await users.sql(`SELECT token_hash, expires_at - created_at AS ttl FROM account_tokens WHERE user_id = $1 AND purpose = 'PASSWORD_RESET'`, [c.userId]);
    expect(token.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.ttl).toMatchObject({ hours: 1 });
    const [job] = await users.sql(`SELECT count(*)::int AS n FROM outbox WHERE name = 'notification.send' AND payload->>'notificationId' = $1`, [note.id]);
    expect(job.n).toBe(1);
  });

  it('sends at most five links per account per hour, still answering success', async () => {
    const c = await users.register();
    for (let i = 0; i < 7; i++) {
      const res = await users.call(guest, REQUEST, { email: c.email });
      expect(res.data!.requestPasswordReset.success).toBe(true);
    }
    expect(await resetNotifications(c.userId)).toHaveLength(5);
  });
});

describe('resetPassword', () => {
  it('sets the new password from the mailed link, ends every session, and works once', async () => {
    const c = await users.register();
    const second = await users.login(c.email, c.password);
    await users.call(guest, REQUEST, { email: c.email });
    await users.deliverAll();
    const [note] = await resetNotifications(c.userId);
    expect(note).toMatchObject({ status: 'SENT', secret: null });
    const token = users.lastToken(c.email, 'reset-password');

    const weak = await users.call(guest, RESET, { token, pw: 'short' });
    expect(weak.data!.resetPassword).toMatchObject({ success: false, userErrors: [{ code: 'WEAK_PASSWORD', field: 'newPassword' }] });

    const before = await passwordHashOf(c.userId);
    const ok = await users.call(guest, RESET, { token, pw: 'a brand new passphrase' });
    expect(ok.data!.resetPassword).toEqual({ success: true, userErrors: [] });
    expect(await passwordHashOf(c.userId)).not.toBe(before);

    expect(await users.login(c.email, c.password)).toBeNull();
    expect(await users.login(c.email, 'a brand new passphrase')).not.toBeNull();
    for (const refreshToken of [c.refreshToken, second!.refreshToken]) {
      const res = await users.call(guest, REFRESH, { t: refreshToken });
      expect(codes(res.data!.refreshToken)).toEqual(['INVALID_TOKEN']);
    }
    expect(await isSessionRevoked(users.deps.redis, c.identity.sessionId)).toBe(true);
    expect(await isSessionRevoked(users.deps.redis, second!.identity.sessionId)).toBe(true);
    const [audit] = await users.sql(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'PASSWORD_RESET' AND user_id = $1`, [c.userId]);
    expect(audit.n).toBe(1);

    const again = await users.call(guest, RESET, { token, pw: 'yet another passphrase' });
    expect(codes(again.data!.resetPassword)).toEqual(['INVALID_TOKEN']);
    expect(await users.login(c.email, 'a brand new passphrase')).not.toBeNull();
  });

  it('refuses an expired token and changes nothing', async () => {
    const c = await users.register();
    await users.call(guest, REQUEST, { email: c.email });
    await users.deliverAll();
    const token = users.lastToken(c.email, 'reset-password');
    await users.sql(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [c.userId]);
    const before = await passwordHashOf(c.userId);
    const res = await users.call(guest, RESET, { token, pw: 'a brand new passphrase' });
    expect(res.data!.resetPassword).toMatchObject({ success: false, userErrors: [{ code: 'INVALID_TOKEN', field: 'token' }] });
    expect(await passwordHashOf(c.userId)).toBe(before);
    expect(await users.login(c.email, c.password)).not.toBeNull();
  });

  it.each([
    ['a made-up token', 'x'.repeat(43)],
    ['an empty token', ''],
    ['an absurdly long token', 'y'.repeat(5000)],
  ])('refuses %s', async (_what, token) => {
    const res = await users.call(guest, RESET, { token, pw: 'a brand new passphrase' });
    expect(codes(res.data!.resetPassword)).toEqual(['INVALID_TOKEN']);
  });

  it('accepts only the latest link when several were requested', async () => {
    const c = await users.register();
    await users.call(guest, REQUEST, { email: c.email });
    await users.deliverAll();
    const first = users.lastToken(c.email, 'reset-password');
    await users.call(guest, REQUEST, { email: c.email });
    await users.deliverAll();
    const latest = users.lastToken(c.email, 'reset-password');
    expect(latest).not.toBe(first);
    expect(codes((await users.call(guest, RESET, { token: first, pw: 'a brand new passphrase' })).data!.resetPassword)).toEqual(['INVALID_TOKEN']);
    expect((await users.call(guest, RESET, { token: latest, pw: 'a brand new passphrase' })).data!.resetPassword.success).toBe(true);
  });

  it('refuses a verification token used as a reset token', async () => {
    const c = await users.register();
    await users.deliverAll();
    const verification = users.lastToken(c.email, 'verify-email');
    const res = await users.call(guest, RESET, { token: verification, pw: 'a brand new passphrase' });
    expect(codes(res.data!.resetPassword)).toEqual(['INVALID_TOKEN']);
  });

  it('lets only one of two concurrent uses of a token succeed', async () => {
    const c = await users.register();
    await users.call(guest, REQUEST, { email: c.email });
    await users.deliverAll();
    const token = users.lastToken(c.email, 'reset-password');
    const results = await Promise.all([
      users.call(guest, RESET, { token, pw: 'first new passphrase' }),
      users.call(guest, RESET, { token, pw: 'second new passphrase' }),
    ]);
    expect(results.map((r) => r.data!.resetPassword.success).sort()).toEqual([false, true]);
  });
});

describe('resetPassword with a token that cannot work', () => {
  it('refuses it with INVALID_TOKEN before any password hashing', async () => {
    const hash = jest.spyOn(argon2, 'hash');
    try {
      for (const token of ['made-up-token', 'x'.repeat(300), '']) {
        const res = await users.call(guest, RESET, { token, pw: 'a brand new passphrase' });
        expect(codes(res.data!.resetPassword)).toEqual(['INVALID_TOKEN']);
      }
      expect(hash).not.toHaveBeenCalled();
    } finally {
      hash.mockRestore();
    }
  });
});

describe('password hashes made with older settings', () => {
  it('are replaced with the current argon2 settings at the next sign-in, and the password still works', async () => {
    const c = await users.register();
    const weak = await argon2.hash(c.password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await users.sql('UPDATE users SET password_hash = $2 WHERE id = $1', [c.userId, weak]);
    expect(await users.login(c.email, c.password)).not.toBeNull();
    const upgraded = await passwordHashOf(c.userId);
    expect(upgraded).not.toBe(weak);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await users.login(c.email, c.password)).not.toBeNull();
    expect(await passwordHashOf(c.userId)).toBe(upgraded);
  });
});
