import { randomBytes } from 'node:crypto';
import { sharedStackBehindGateway } from './gateway-fixtures';

const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken userErrors { code } } }`;
const keyPrefix = () => `auth-limit-test-${randomBytes(4).toString('hex')}`;
let ipSeq = Math.floor(Math.random() * 200);
/** A client address of its own (X-Forwarded-For is believed from the loopback proxy here). */
const freshIp = () => `198.18.${Math.floor(Math.random() * 250)}.${(ipSeq = (ipSeq + 1) % 250)}`;
const email = () => `l-${randomBytes(6).toString('hex')}@example.com`;

describe('login, register, password reset and refresh budgets (every profile)', () => {
  let stack: Awaited<ReturnType<typeof sharedStackBehindGateway>>;
  beforeAll(async () => {
    // the development profile: the login buckets are the same as production's
    stack = await sharedStackBehindGateway({
      TRUSTED_PROXIES: 'loopback',
      RATE_LIMIT_KEY_PREFIX: keyPrefix(),
      LOGIN_MAX_FAILURES_PER_IP: '8',
      REGISTER_MAX_PER_IP_PER_HOUR: '3',
      PASSWORD_RESET_MAX_PER_EMAIL_PER_HOUR: '2',
      REFRESH_MAX_PER_IP_PER_MINUTE: '3',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const as = (ip: string) => ({ 'x-forwarded-for': ip });
  const register = async (ip: string, address = email()) => {
    const res = await stack.call(REGISTER, { input: { email: address, password: 'a long enough passphrase', name: 'Guess Target' } }, undefined, as(ip));
    return { res, email: address, password: 'a long enough passphrase' };
  };
  const login = (ip: string, address: string, password: string) => stack.call(LOGIN, { input: { email: address, password } }, undefined, as(ip));
  const failedLogins = async (address: string) => {
    const [row] = await stack.sql('users', `SELECT count(*)::int AS n FROM audit_events WHERE kind = 'LOGIN_FAILED' AND email = $1`, [address]);
    return row.n as number;
  };

  it('locks an e-mail address out after 5 failed sign-ins, from any address, naming LOGIN_LOCKED and Retry-After', async () => {
    const { email: address, password } = await register(freshIp());
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await login(freshIp(), address.toUpperCase(), `wrong password ${i}`);
      codes.push(res.data!.login.userErrors[0].code);
    }
    expect(codes).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    const locked = await login(freshIp(), address, password); // even the right password, from elsewhere
    expect(locked.status).toBe(429);
    expect(locked.errors![0].extensions).toMatchObject({ code: 'LOGIN_LOCKED', scope: 'email' });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(locked.errors![0].extensions!.retryAfterSeconds).toBe(retryAfter);
    expect(locked.data).toBeUndefined();
    expect(await failedLogins(address)).toBe(5);
  });

  it('counts ten aliased logins in one request as ten attempts: refused before any reaches the users subgraph', async () => {
    const { email: address } = await register(freshIp());
    const aliases = Array.from({ length: 10 }, (_, i) => `g${i}: login(input: { email: $email, password: "guess number ${i}" }) { accessToken }`).join(' ');
    const res = await stack.call(`mutation Guesses($email: String!) { ${aliases} }`, { email: address }, undefined, as(freshIp()));
    expect(res.status).toBe(429);
    expect(res.errors![0].extensions!.code).toBe('LOGIN_LOCKED');
    expect(await failedLogins(address)).toBe(0);
  });

  it('does not count successful sign-ins', async () => {
    const ip = freshIp();
    const { email: address, password } = await register(freshIp());
    for (let i = 0; i < 7; i++) {
      const res = await login(ip, address, password);
      expect(res.data!.login.accessToken).toEqual(expect.any(String));
    }
  });

  it('locks a client address out after its failures across many e-mail addresses', async () => {
    const ip = freshIp();
    for (let i = 0; i < 8; i++) expect((await login(ip, email(), 'spraying one password')).data!.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const locked = await login(ip, email(), 'spraying one password');
    expect(locked.status).toBe(429);
    expect(locked.errors![0].extensions).toMatchObject({ code: 'LOGIN_LOCKED', scope: 'ip' });
  });

  it('limits registrations per client address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await register(ip)).res.data!.register.accessToken).toEqual(expect.any(String));
    const over = (await register(ip)).res;
    expect(over.status).toBe(429);
    expect(over.errors![0].extensions).toMatchObject({ code: 'THROTTLED', scope: 'ip' });
  });

  it('limits password-reset requests per e-mail address and refresh-token trades per client address', async () => {
    const address = email();
    const reset = () => stack.call('mutation ($e: String!) { requestPasswordReset(email: $e) { success } }', { e: address }, undefined, as(freshIp()));
    expect((await reset()).data!.requestPasswordReset.success).toBe(true);
    expect((await reset()).data!.requestPasswordReset.success).toBe(true);
    expect((await reset()).errors![0].extensions).toMatchObject({ code: 'THROTTLED', scope: 'email' });

    const ip = freshIp();
    const refresh = () => stack.call('mutation { refreshToken(refreshToken: "not-a-token") { accessToken userErrors { code } } }', {}, undefined, as(ip));
    for (let i = 0; i < 3; i++) expect((await refresh()).data!.refreshToken.userErrors[0].code).toBe('INVALID_TOKEN');
    expect((await refresh()).status).toBe(429);
  });
});
