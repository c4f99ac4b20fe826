import { ConfigError, Env, readCommonConfig } from './config';

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
        expect.stringContaining('JWT_SECRET is required in production'),
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

  it('takes the first of several names that is set', () => {
    const env = new Env({ DATABASE_URL: 'postgres://a/b', USERS_DATABASE_URL: 'postgres://c/d' });
    expect(env.url(['USERS_DATABASE_URL', 'DATABASE_URL'])).toBe('postgres://c/d');
    expect(env.urls(['X_REPLICA_URLS'])).toEqual([]);
  });
});
