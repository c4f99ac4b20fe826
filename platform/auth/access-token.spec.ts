import jwt from 'jsonwebtoken';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Env, readCommonConfig } from '../config';
import { generateAccessKeyPair, localAccessKeys, parseJwks, publicJwk, type AccessKeys } from './access-keys';
import { InvalidTokenError, signAccessToken, verifyAccessToken, type TokenConfig } from './access-token';
import { Role } from './roles';

const keys = localAccessKeys(mkdtempSync(join(tmpdir(), 'access-keys-')));
const config: TokenConfig = { keys, issuer: 'iss', audience: 'aud', accessTtlSeconds: 60 };
const identity = { userId: 'u1', roles: [Role.CUSTOMER], sessionId: 's1' };
const { kid, key } = keys.signing!;
const es256 = (claims: object, options: jwt.SignOptions = {}) =>
  jwt.sign({ sid: 's1', ...claims }, key, { algorithm: 'ES256', keyid: kid, subject: 'u1', issuer: 'iss', audience: 'aud', ...('exp' in claims ? {} : { expiresIn: 60 }), ...options });

describe('access tokens', () => {
  it('round-trips the identity, signed ES256 with the key id in the header', () => {
    const token = signAccessToken(config, identity);
    expect(jwt.decode(token, { complete: true })?.header).toMatchObject({ alg: 'ES256', kid });
    expect(verifyAccessToken(config, token)).toMatchObject(identity);
  });

  it('cannot be signed by a process that only verifies', () => {
    expect(() => signAccessToken({ ...config, keys: { verify: keys.verify } }, identity)).toThrow(/no access-token signing key/);
  });

  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const publicPem = createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
  const forged: [string, string][] = [
    ['alg none', jwt.sign({ sid: 's1', roles: ['ADMIN'] }, '', { algorithm: 'none', keyid: kid, subject: 'u1', issuer: 'iss', audience: 'aud' })],
    ['another key under the same kid', jwt.sign({ sid: 's1' }, stranger, { algorithm: 'ES256', keyid: kid, subject: 'u1', issuer: 'iss', audience: 'aud', expiresIn: 60 })],
    ['an unknown kid', es256({}, { keyid: 'someone-else' })],
    ['no kid', jwt.sign({ sid: 's1' }, key, { algorithm: 'ES256', subject: 'u1', issuer: 'iss', audience: 'aud', expiresIn: 60 })],
    ['HS256 keyed with the public key', jwt.sign({ sid: 's1' }, publicPem, { algorithm: 'HS256', keyid: kid, subject: 'u1', issuer: 'iss', audience: 'aud', expiresIn: 60 })],
    ['another issuer', es256({}, { issuer: 'evil' })],
    ['another audience', es256({}, { audience: 'other' })],
    ['no expiry', jwt.sign({ sid: 's1' }, key, { algorithm: 'ES256', keyid: kid, subject: 'u1', issuer: 'iss', audience: 'aud' })],
    ['garbage', 'not.a.token'],
  ];
  it.each(forged)('refuses a token with %s', (_name, token) => {
    expect(() => verifyAccessToken(config, token)).toThrow(InvalidTokenError);
  });

  it('tells an expired token apart', () => {
    const token = es256({ exp: Math.floor(Date.now() / 1000) - 10 });
    expect(() => verifyAccessToken(config, token)).toThrow(expect.objectContaining({ reason: 'expired' }));
  });
});

describe('key rotation', () => {
  const folder = mkdtempSync(join(tmpdir(), 'rotation-'));
  const write = (name: string, text: string) => {
    const file = join(folder, name);
    writeFileSync(file, text);
    return file;
  };
  const oldPair = generateAccessKeyPair();
  const newPair = generateAccessKeyPair();
  const jwksOf = (...pairs: { jwks: string }[]) => JSON.stringify({ keys: pairs.flatMap((p) => (JSON.parse(p.jwks) as { keys: unknown[] }).keys) });
  const read = (env: NodeJS.ProcessEnv): TokenConfig => {
    const source = new Env({ NODE_ENV: 'production', REDIS_URL: 'redis://r:6379', INTERNAL_SECRET: 'x', ...env });
    return readCommonConfig(source).jwt;
  };
  const issuer = (pair: typeof oldPair) => read({ JWT_PRIVATE_KEY_FILE: write(`${pair.kid}.pem`, pair.privateKeyPem) });

  it('verifies the tokens of both keys while both are published, and only the new one after', () => {
    const before = signAccessToken(issuer(oldPair), identity);
    const overlap = read({ JWT_JWKS_FILE: write('both.json', jwksOf(oldPair, newPair)) });
    const after = signAccessToken(issuer(newPair), identity);
    expect(jwt.decode(before, { complete: true })?.header.kid).toBe(oldPair.kid);
    expect(jwt.decode(after, { complete: true })?.header.kid).toBe(newPair.kid);
    expect(verifyAccessToken(overlap, before)).toMatchObject(identity);
    expect(verifyAccessToken(overlap, after)).toMatchObject(identity);

    const dropped = read({ JWT_JWKS_FILE: write('new.json', jwksOf(newPair)) });
    expect(verifyAccessToken(dropped, after)).toMatchObject(identity);
    expect(() => verifyAccessToken(dropped, before)).toThrow(InvalidTokenError);
  });

  it('refuses to sign with a key the published key set does not hold', () => {
    const env = new Env({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY_FILE: write('n.pem', newPair.privateKeyPem),
      JWT_JWKS_FILE: write('old.json', jwksOf(oldPair)),
    });
    readCommonConfig(env);
    expect(() => env.done()).toThrow(/is not in the key set: publish its public key first/);
  });

  it('accepts only EC P-256 public keys in the key set', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(() => parseJwks(JSON.stringify({ keys: [{ ...rsa.export({ format: 'jwk' }), kid: 'r' }] }))).toThrow(/EC P-256/);
    const withPrivate = { ...createPublicKey(key).export({ format: 'jwk' }), d: 'x', kid: 'p' };
    expect(() => parseJwks(JSON.stringify({ keys: [withPrivate] }))).toThrow(/public keys only/);
    expect(parseJwks(JSON.stringify({ keys: [publicJwk(createPublicKey(key), 'k1')] })).has('k1')).toBe(true);
  });

  it('has no keys without configuration in production', () => {
    const env = new Env({ NODE_ENV: 'production' });
    const jwtConfig: { keys: AccessKeys } = readCommonConfig(env).jwt;
    expect(jwtConfig.keys.verify.size).toBe(0);
    expect(() => env.done()).toThrow(/JWT_JWKS_FILE \(or JWT_PUBLIC_KEYS\) is required in production/);
  });
});
