import jwt from 'jsonwebtoken';
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Identity } from './roles';

/**
 * The credential the gateway (or another subgraph) presents to a subgraph, in the
 * `x-internal-token` header: a short-lived HS256 JWT whose audience is the target subgraph and
 * whose issuer is the calling service ("gateway", or the calling subgraph's name, its worker
 * included). It carries the verified identity of the end user, so a subgraph trusts the identity
 * only because a service holding the internal secret signed it. A request without it is refused.
 */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';
export const GATEWAY_CALLER = 'gateway';
/** The longest lifetime a subgraph accepts (exp − iat). */
export const MAX_INTERNAL_TOKEN_SECONDS = 300;
const ALGORITHM = 'HS256' as const;

export interface InternalClaims {
  /** Who is calling (the token's issuer): "gateway", or a subgraph name such as "orders". */
  caller: string;
  /** The subgraph the token is for (its audience). */
  audience: string;
  /** The end user on whose behalf the call is made, if any. */
  identity?: Identity;
}

/**
 * The secret as a KeyObject, made once per secret: with a string, jsonwebtoken first tries it as
 * a PEM key, throws, and falls back, inside every sign and verify.
 */
const keys = new Map<string, KeyObject>();
export function internalKey(secret: string | KeyObject): KeyObject {
  if (typeof secret !== 'string') return secret;
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

export function signInternalToken(secret: string | KeyObject, claims: InternalClaims, ttlSeconds = MAX_INTERNAL_TOKEN_SECONDS): string {
  if (ttlSeconds > MAX_INTERNAL_TOKEN_SECONDS || ttlSeconds < 1) throw new Error(`An internal token lives 1 to ${MAX_INTERNAL_TOKEN_SECONDS} seconds`);
  return jwt.sign(claims.identity ? { identity: claims.identity } : {}, internalKey(secret), {
    algorithm: ALGORITHM,
    audience: claims.audience,
    issuer: claims.caller,
    expiresIn: ttlSeconds,
  });
}

/**
 * The claims of a token for `audience`, or null: bad signature, another audience, expired, no
 * `exp` or `iat`, or a lifetime above MAX_INTERNAL_TOKEN_SECONDS.
 */
export function verifyInternalToken(secret: string | KeyObject, token: string | undefined, audience: string): (InternalClaims & { exp: number }) | null {
  if (!token) return null;
  try {
    const payload = jwt.verify(token, internalKey(secret), { algorithms: [ALGORITHM], audience }) as jwt.JwtPayload;
    const { iss, iat, exp } = payload;
    if (typeof iss !== 'string' || !iss || typeof iat !== 'number' || typeof exp !== 'number') return null;
    if (exp - iat > MAX_INTERNAL_TOKEN_SECONDS) return null;
    return { caller: iss, audience, identity: payload.identity ?? undefined, exp };
  } catch {
    return null;
  }
}

/** A Map used as a small LRU: the oldest entry goes when it is full. */
class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * Signs the credentials of one calling service and reuses each, per (audience, identity), for
 * most of its lifetime: the gateway signs once per user and subgraph every few minutes, not on
 * every fetch.
 */
export class InternalTokenSigner {
  private readonly key: KeyObject;
  private readonly cache: Lru<{ token: string; renewAt: number }>;

  constructor(
    secret: string | KeyObject,
    readonly caller: string,
    private readonly ttlSeconds = MAX_INTERNAL_TOKEN_SECONDS,
    maxEntries = 10_000,
  ) {
    this.key = internalKey(secret);
    this.cache = new Lru(maxEntries);
  }

  token(audience: string, identity?: Identity): string {
    const id = identity ? `${identity.userId}|${identity.sessionId}|${[...identity.roles].sort().join(',')}` : '';
    const cacheKey = `${audience}\n${id}`;
    const now = Date.now();
    const cached = this.cache.get(cacheKey);
    if (cached && now < cached.renewAt) return cached.token;
    const token = signInternalToken(this.key, { caller: this.caller, audience, identity }, this.ttlSeconds);
    // renewed with a fifth of its life left, so the receiver never sees it expire in flight
    this.cache.set(cacheKey, { token, renewAt: now + this.ttlSeconds * 800 });
    return token;
  }
}

/**
 * Verifies the credentials presented to one subgraph, remembering each verified token until it
 * expires: the same credential arrives on every fetch of a user's requests.
 */
export class InternalTokenVerifier {
  private readonly key: KeyObject;
  private readonly cache: Lru<InternalClaims & { exp: number }>;

  constructor(
    secret: string | KeyObject,
    readonly audience: string,
    maxEntries = 10_000,
  ) {
    this.key = internalKey(secret);
    this.cache = new Lru(maxEntries);
  }

  verify(token: string | undefined): InternalClaims | null {
    if (!token) return null;
    const cached = this.cache.get(token);
    if (cached) return cached.exp * 1000 > Date.now() ? cached : null;
    const claims = verifyInternalToken(this.key, token, this.audience);
    if (claims) this.cache.set(token, claims);
    return claims;
  }
}
