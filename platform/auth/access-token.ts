import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import type { CommonConfig } from '../config';
import { Role, type Identity } from './roles';

const ALGORITHM = 'HS256' as const;

export type TokenConfig = CommonConfig['jwt'];

/** The secret as a KeyObject, made once per secret: jsonwebtoken otherwise tries (and fails) to read a string as a public key on every call. */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Signs a short-lived access token: HS256, issuer, audience, expiry, a session id and a unique id. */
export function signAccessToken(config: TokenConfig, identity: Identity): string {
  return jwt.sign({ roles: identity.roles, sid: identity.sessionId }, keyOf(config.secret), {
    algorithm: ALGORITHM,
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

/** Verifies signature, algorithm (pinned, so `alg: none` and algorithm swaps fail), issuer, audience and expiry. */
export function verifyAccessToken(config: TokenConfig, token: string): Identity & { expiresAt: number } {
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, keyOf(config.secret), {
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
