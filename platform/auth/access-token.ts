import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import type { CommonConfig } from '../config';
import { Role, type Identity } from './roles';

const ALGORITHM = 'ES256' as const;

export type TokenConfig = CommonConfig['jwt'];

/**
 * Signs a short-lived access token: ES256 with the signing key (its `kid` in the header), issuer,
 * audience, expiry, a session id and a unique id. Only a process holding the private key can.
 */
export function signAccessToken(config: TokenConfig, identity: Identity): string {
  const signing = config.keys.signing;
  if (!signing) throw new Error('This process has no access-token signing key (JWT_PRIVATE_KEY_FILE)');
  return jwt.sign({ roles: identity.roles, sid: identity.sessionId }, signing.key, {
    algorithm: ALGORITHM,
    keyid: signing.kid,
    subject: identity.userId,
    issuer: config.issuer,
    audience: config.audience,
    expiresIn: config.accessTtlSeconds,
    jwtid: randomUUID(),
  });
}

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The access token has expired' : 'The access token is invalid');
  }
}

/**
 * Verifies with the public key named by the token's `kid` (unknown kid: invalid), the algorithm
 * pinned to ES256 (so `alg: none` and algorithm swaps fail), issuer, audience and expiry.
 */
export function verifyAccessToken(config: TokenConfig, token: string): Identity & { expiresAt: number } {
  let payload: jwt.JwtPayload;
  try {
    const kid = jwt.decode(token, { complete: true })?.header.kid;
    const key = typeof kid === 'string' ? config.keys.verify.get(kid) : undefined;
    if (!key) throw new InvalidTokenError('invalid');
    payload = jwt.verify(token, key, {
      algorithms: [ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
    }) as jwt.JwtPayload;
  } catch (e) {
    throw new InvalidTokenError(e instanceof jwt.TokenExpiredError ? 'expired' : 'invalid');
  }
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is Role => Object.values(Role).includes(r)) : [];
  if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
    throw new InvalidTokenError('invalid');
  }
  return { userId: payload.sub, roles, sessionId: payload.sid, expiresAt: payload.exp };
}
