import { InvalidTokenError, verifyAccessToken, type TokenConfig } from '../../platform/auth/access-token';
import type { Identity } from '../../platform/auth/roles';

type Verified = Identity & { expiresAt: number };

/** Access tokens remembered per key configuration; past that many, the oldest is forgotten. */
const MAX_TOKENS = 10_000;

const caches = new WeakMap<TokenConfig, Map<string, Verified>>();

/**
 * verifyAccessToken, with the tokens that verified remembered: a client sends the same token on
 * every request until it expires, and checking an ES256 signature is the gateway's costliest step
 * of a signed-in request. Whether a token verifies depends on its text, the keys and the clock only:
 * a remembered token is still refused once it expires (as jsonwebtoken does: at `exp`), and a token
 * that does not verify is never remembered. Revocation is checked by the caller on every request.
 */
export function verifyAccessTokenCached(config: TokenConfig, token: string): Verified {
  let cache = caches.get(config);
  if (!cache) caches.set(config, (cache = new Map()));
  const known = cache.get(token);
  if (known) {
    if (Math.floor(Date.now() / 1000) >= known.expiresAt) {
      cache.delete(token);
      throw new InvalidTokenError('expired');
    }
    return known;
  }
  const verified = verifyAccessToken(config, token);
  if (cache.size >= MAX_TOKENS) cache.delete(cache.keys().next().value!);
  cache.set(token, verified);
  return verified;
}
