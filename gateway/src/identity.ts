import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ReplyError, type Redis } from 'ioredis';
import { InvalidTokenError, type TokenConfig } from '../../platform/auth/access-token';
import { revokedSessionKey } from '../../platform/auth/revocation';
import { Role, type Identity } from '../../platform/auth/roles';
import type { Positions } from '../../platform/db/positions';
import type { Logger } from '../../platform/logger';
import { storedPositions, userPositionsKey } from './consistency';
import { gatewayMetrics } from './metrics/gateway-metrics';
import { verifyAccessTokenCached } from './verified-tokens';

/** A command Redis answered with an error reads as no value; a connection failure is thrown. */
const noReply = (error: unknown): undefined => {
  if (error instanceof ReplyError) return undefined;
  throw error;
};

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** At most one log line per this many milliseconds while the revocation list cannot be read. */
const UNCHECKED_LOG_EVERY_MS = 10_000;
let uncheckedSinceLog = 0;
let lastUncheckedLog = 0;

/**
 * The policy for a valid access token whose session cannot be looked up (Redis unreachable): a
 * customer's token is accepted, at most until it expires (JWT_ACCESS_TTL_SECONDS, 15 minutes); a
 * staff token (role ADMIN) is refused with 503 SERVICE_UNAVAILABLE. README "Failure policies"
 * gives the reasons. Counted in gateway_revocation_unchecked_total, logged at most every 10 s.
 */
function revocationUnchecked(identity: Identity, error: unknown, log?: Logger): void {
  const staff = identity.roles.includes(Role.ADMIN);
  gatewayMetrics.revocationUnchecked.inc({ outcome: staff ? 'refused' : 'accepted' });
  uncheckedSinceLog += 1;
  const now = Date.now();
  if (log && now - lastUncheckedLog >= UNCHECKED_LOG_EVERY_MS) {
    log.warn(
      { err: error, requests: uncheckedSinceLog },
      'revocation list unreachable (Redis): customer access tokens accepted until they expire, staff tokens refused',
    );
    lastUncheckedLog = now;
    uncheckedSinceLog = 0;
  }
  if (staff) {
    throw new GraphQLError('Staff sign-ins cannot be checked right now: try again shortly', {
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new HeaderMap([['retry-after', '5']]) } },
    });
  }
}

/**
 * The caller behind an `Authorization: Bearer` header, and their last write positions. No
 * header: a guest. A header that does not verify, has expired or belongs to a revoked session:
 * UNAUTHENTICATED (never silently a guest). One Redis round trip answers both lookups (and the
 * request's other lookups made at the same time); without Redis see revocationUnchecked.
 */
export async function authenticate(
  redis: Redis,
  jwt: TokenConfig,
  authorization: string | undefined,
  log?: Logger,
): Promise<{ identity?: Identity; positions?: Positions }> {
  if (!authorization) return {};
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
  let verified: Identity;
  try {
    verified = verifyAccessTokenCached(jwt, match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError && error.reason === 'expired') {
      throw unauthenticated('The access token has expired: get a new one with refreshToken');
    }
    throw unauthenticated('The access token is invalid');
  }
  const identity: Identity = { userId: verified.userId, roles: [...verified.roles], sessionId: verified.sessionId };
  // sent in the same write as the other lookups of the request (auto-pipelining), as one pipeline
  // would be: a command's own error counts as no answer; a connection failure leaves the session unchecked
  let revoked: number | undefined;
  let positions: Record<string, string> | undefined;
  try {
    [revoked, positions] = await Promise.all([
      redis.exists(revokedSessionKey(identity.sessionId)).catch(noReply),
      redis.hgetall(userPositionsKey(identity.userId)).catch(noReply),
    ]);
  } catch (error) {
    revocationUnchecked(identity, error, log);
    return { identity };
  }
  if (revoked) throw unauthenticated('This session has ended: sign in again');
  return { identity, positions: storedPositions(positions) };
}
