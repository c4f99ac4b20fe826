import { randomBytes } from 'node:crypto';
import { ConfigError, Env, estimatedEntropyBits, readCommonConfig, secretWeakness } from './config';

describe('Env', () => {
  it('names every bad variable in one error', () => {
    const env = new Env({ NODE_ENV: 'production', REDIS_URL: 'http://x', JWT_ACCESS_TTL_SECONDS: 'soon' });
    readCommonConfig(env);
    let error: ConfigError | undefined;
    try {
      env.done();
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('REDIS_URL must be a redis or rediss URL'),
        expect.stringContaining('INTERNAL_SECRET is required in production'),
        expect.stringContaining('JWT_JWKS_FILE (or JWT_PUBLIC_KEYS) is required in production'),
        expect.stringContaining('JWT_ACCESS_TTL_SECONDS must be an integer'),
      ]),
    );
  });

  it('uses development defaults when nothing is set', () => {
    const env = new Env({});
    const config = readCommonConfig(env);
    env.done();
    expect(config.production).toBe(false);
    expect(config.jwt.accessTtlSeconds).toBe(900);
  });

  it.each([
    ['a repository default', 'development-only-secret-change-me-0123456789-internal'],
    ['the old compose default', 'change-me-internal-secret-at-least-32-chars'],
    ['an example', 'example-example-example-example-example-1'],
    ['a word "secret"', 'mySecretValueThatIsLongEnough0123456789AB'],
    ['one character repeated', 'q'.repeat(40)],
    ['a short alphabet', 'abababababababababababababababababababababab'],
    ['32 hex digits (under 128 bits by frequency)', 'deadbeefdeadbeefdeadbeefdeadbeef'],
  ])('refuses %s as a production secret', (_name, value) => {
    expect(secretWeakness(value)).not.toBeNull();
    const env = new Env({ NODE_ENV: 'production', INTERNAL_SECRET: value });
    env.secret('INTERNAL_SECRET', 'dev', true);
    expect(() => env.done()).toThrow(/INTERNAL_SECRET (is a placeholder|is not random enough|must be at least 32)/);
  });

  it('accepts random secrets (32 bytes as base64url or hex) in production, and weak ones outside it', () => {
    for (const value of [randomBytes(32).toString('base64url'), randomBytes(32).toString('hex'), randomBytes(48).toString('base64')]) {
      expect(estimatedEntropyBits(value)).toBeGreaterThan(128);
      const env = new Env({ INTERNAL_SECRET: value });
      expect(env.secret('INTERNAL_SECRET', 'dev', true)).toBe(value);
      env.done();
    }
    const dev = new Env({ INTERNAL_SECRET: 'change-me-internal-secret-at-least-32-chars' });
    dev.secret('INTERNAL_SECRET', 'dev', false);
    dev.done();
  });

  it('takes the first of several names that is set', () => {
    const env = new Env({ DATABASE_URL: 'postgres://a/b', USERS_DATABASE_URL: 'postgres://c/d' });
    expect(env.url(['USERS_DATABASE_URL', 'DATABASE_URL'])).toBe('postgres://c/d');
    expect(env.urls(['X_REPLICA_URLS'])).toEqual([]);
  });
});
