import jwt from 'jsonwebtoken';
import type { Identity } from './roles';

/**
 * The credential the gateway (or another service) presents to a subgraph, in the
 * `x-internal-token` header. It carries the verified identity of the end user, so a subgraph
 * trusts the identity only because the gateway signed it. A request without it is refused.
 */
export const INTERNAL_TOKEN_HEADER = 'x-internal-token';
const AUDIENCE = 'subgraphs';
const ALGORITHM = 'HS256' as const;

export interface InternalClaims {
  /** Who is calling: "gateway", or the name of a service such as "orders-worker". */
  caller: string;
  /** The end user on whose behalf the call is made, if any. */
  identity?: Identity;
}

export function signInternalToken(secret: string, claims: InternalClaims, ttlSeconds = 60): string {
  return jwt.sign({ caller: claims.caller, identity: claims.identity }, secret, {
    algorithm: ALGORITHM,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export function verifyInternalToken(secret: string, token: string | undefined): InternalClaims | null {
  if (!token) return null;
  try {
    const payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], audience: AUDIENCE }) as jwt.JwtPayload;
    if (typeof payload.caller !== 'string') return null;
    return { caller: payload.caller, identity: payload.identity ?? undefined };
  } catch {
    return null;
  }
}

/** A service credential cached until shortly before it expires, for workers calling subgraphs. */
export function serviceTokenSource(secret: string, caller: string): () => string {
  let token = '';
  let renewAt = 0;
  return () => {
    if (Date.now() >= renewAt) {
      token = signInternalToken(secret, { caller }, 300);
      renewAt = Date.now() + 240_000;
    }
    return token;
  };
}
