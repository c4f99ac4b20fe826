import jwt from 'jsonwebtoken';
import { InternalTokenSigner, InternalTokenVerifier, signInternalToken, verifyInternalToken } from './internal-token';
import { Role } from './roles';

const secret = 'a test secret of enough length';
const identity = { userId: 'u1', roles: [Role.CUSTOMER], sessionId: 's1' };

describe('internal credential', () => {
  it('names the caller as issuer and the target subgraph as audience', () => {
    const token = signInternalToken(secret, { caller: 'orders', audience: 'catalog', identity });
    expect(verifyInternalToken(secret, token, 'catalog')).toMatchObject({ caller: 'orders', audience: 'catalog', identity });
    const payload = jwt.decode(token) as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(300);
  });

  it('refuses a token for another subgraph, signed with another secret, or too long-lived', () => {
    const forCatalog = signInternalToken(secret, { caller: 'gateway', audience: 'catalog' });
    expect(verifyInternalToken(secret, forCatalog, 'users')).toBeNull();
    expect(verifyInternalToken('another secret', forCatalog, 'catalog')).toBeNull();
    const noExpiry = jwt.sign({}, secret, { algorithm: 'HS256', audience: 'users', issuer: 'gateway' });
    expect(verifyInternalToken(secret, noExpiry, 'users')).toBeNull();
    const longLived = jwt.sign({}, secret, { algorithm: 'HS256', audience: 'users', issuer: 'gateway', expiresIn: 301 });
    expect(verifyInternalToken(secret, longLived, 'users')).toBeNull();
    const noIssuer = jwt.sign({}, secret, { algorithm: 'HS256', audience: 'users', expiresIn: 60 });
    expect(verifyInternalToken(secret, noIssuer, 'users')).toBeNull();
    expect(() => signInternalToken(secret, { caller: 'gateway', audience: 'users' }, 3600)).toThrow();
  });

  it('reuses a signed credential per audience and identity', () => {
    const signer = new InternalTokenSigner(secret, 'gateway');
    const a = signer.token('users', identity);
    expect(signer.token('users', { ...identity })).toBe(a);
    expect(signer.token('catalog', identity)).not.toBe(a);
    expect(signer.token('users', { ...identity, sessionId: 's2' })).not.toBe(a);
    expect(signer.token('users')).not.toBe(a);
  });

  it('the verifier answers from its cache only for the same token, and only for its own audience', () => {
    const signer = new InternalTokenSigner(secret, 'gateway');
    const users = new InternalTokenVerifier(secret, 'users');
    const token = signer.token('users', identity);
    expect(users.verify(token)).toMatchObject({ caller: 'gateway', identity });
    expect(users.verify(token)).toMatchObject({ caller: 'gateway', identity });
    expect(users.verify(signer.token('catalog', identity))).toBeNull();
    expect(users.verify(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(users.verify(undefined)).toBeNull();
  });
});
