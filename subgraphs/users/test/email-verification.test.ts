import { codes, guest, startUsers, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

const REQUEST = `mutation { requestEmailVerification { success userErrors { field message code } } }`;
const VERIFY = `mutation ($token: String!) { verifyEmail(token: $token) { success userErrors { field message code } } }`;
const ME = `{ me { id emailVerifiedAt } }`;

async function verifiedAt(userId: string): Promise<Date | null> {
  const [row] = await users.sql<{ email_verified_at: Date | null }>('SELECT email_verified_at FROM users WHERE id = $1', [userId]);
  return row.email_verified_at;
}

describe('e-mail verification', () => {
  it('mails a welcome message with a verification link on registration; the link verifies once', async () => {
    const c = await users.register('Vera');
    await users.deliverAll();
    const [welcome] = users.mailsTo(c.email);
    expect(welcome.json.subject).toBe('Welcome to the Shop');
    expect(welcome.json.text).toContain('Hello Vera,');
    const token = users.lastToken(c.email, 'verify-email');
    expect(await verifiedAt(c.userId)).toBeNull();

    const res = await users.call(guest, VERIFY, { token });
    expect(res.data!.verifyEmail).toEqual({ success: true, userErrors: [] });
    expect(await verifiedAt(c.userId)).toBeInstanceOf(Date);
    const me = await users.call(c, ME);
    expect(me.data!.me.emailVerifiedAt).not.toBeNull();
    const [audit] = await users.sql(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'EMAIL_VERIFIED' AND user_id = $1`, [c.userId]);
    expect(audit.n).toBe(1);

    const again = await users.call(guest, VERIFY, { token });
    expect(again.data!.verifyEmail).toMatchObject({ success: false, userErrors: [{ code: 'INVALID_TOKEN', field: 'token' }] });
  });

  it('mails a new link on request; the earlier link stops working', async () => {
    const c = await users.register();
    await users.deliverAll();
    const fromWelcome = users.lastToken(c.email, 'verify-email');
    const res = await users.call(c, REQUEST);
    expect(res.data!.requestEmailVerification).toEqual({ success: true, userErrors: [] });
    await users.deliverAll();
    const mails = users.mailsTo(c.email);
    expect(mails.map((m) => m.json.subject)).toEqual(['Welcome to the Shop', 'Confirm your e-mail address']);
    const fresh = users.lastToken(c.email, 'verify-email');
    expect(codes((await users.call(guest, VERIFY, { token: fromWelcome })).data!.verifyEmail)).toEqual(['INVALID_TOKEN']);
    expect(await verifiedAt(c.userId)).toBeNull();
    expect((await users.call(guest, VERIFY, { token: fresh })).data!.verifyEmail.success).toBe(true);
    const [ttl] = await users.sql(
      `SELECT expires_at - created_at AS ttl FROM account_tokens WHERE user_id = $1 AND purpose = 'EMAIL_VERIFICATION' ORDER BY created_at DESC LIMIT 1`,
      [c.userId],
    );
    expect(ttl.ttl).toMatchObject({ days: 2 });
  });

  it('answers ALREADY_VERIFIED once verified, and sends nothing', async () => {
    const c = await users.register();
    await users.deliverAll();
    await users.call(guest, VERIFY, { token: users.lastToken(c.email, 'verify-email') });
    const before = await users.sql(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [c.userId]);
    const res = await users.call(c, REQUEST);
    expect(res.data!.requestEmailVerification).toMatchObject({ success: false, userErrors: [{ code: 'ALREADY_VERIFIED' }] });
    expect(await users.sql(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [c.userId])).toEqual(before);
  });

  it('limits requests to five an hour (LIMIT_REACHED)', async () => {
    const c = await users.register();
    // the welcome mail's link is the first token of the hour
    await users.deliverAll();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(codes((await users.call(c, REQUEST)).data!.requestEmailVerification));
    expect(results).toEqual([[], [], [], [], ['LIMIT_REACHED']]);
  });

  it('refuses a guest with UNAUTHENTICATED', async () => {
    const res = await users.call(guest, REQUEST);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired or a made-up token and leaves the address unverified', async () => {
    const c = await users.register();
    await users.deliverAll();
    const token = users.lastToken(c.email, 'verify-email');
    await users.sql(`UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [c.userId]);
    expect(codes((await users.call(guest, VERIFY, { token })).data!.verifyEmail)).toEqual(['INVALID_TOKEN']);
    expect(codes((await users.call(guest, VERIFY, { token: 'not-a-real-token' })).data!.verifyEmail)).toEqual(['INVALID_TOKEN']);
    expect(await verifiedAt(c.userId)).toBeNull();
  });

  it('refuses a password-reset token used to verify', async () => {
    const c = await users.register();
    await users.call(guest, `mutation ($e: String!) { requestPasswordReset(email: $e) { success } }`, { e: c.email });
    await users.deliverAll();
    const reset = users.lastToken(c.email, 'reset-password');
    expect(codes((await users.call(guest, VERIFY, { token: reset })).data!.verifyEmail)).toEqual(['INVALID_TOKEN']);
    expect(await verifiedAt(c.userId)).toBeNull();
  });
});
