import { GraphQLError } from 'graphql';
import { ReplyError, type Redis } from 'ioredis';
import { InvalidTokenError, type TokenConfig } from '../../platform/auth/access-token';
import type { Identity } from '../../platform/auth/roles';
import type { Positions } from '../../platform/db/positions';
import { storedPositions, userPositionsKey } from './consistency';
import { verifyAccessTokenCached } from './verified-tokens';

/** A command Redis answered with an error reads as no value; any other failure is thrown. */
const noReply = (error: unknown): undefined => {
  if (error instanceof ReplyError) return undefined;
  throw error;
};

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * The caller behind an `Authorization: Bearer` header, and their last write positions. No
 * header: a guest. A header that does not verify, has expired or belongs to a revoked session:
 * UNAUTHENTICATED (never silently a guest). One Redis round trip answers both lookups (and the
 * request's other lookups made at the same time).
 */
export async function authenticate(
  redis: Redis,
  jwt: TokenConfig,
  authorization: string | undefined,
): Promise<{ identity?: Identity; positions?: Positions }> {
  if (!authorization) return {};
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
  let identity: Identity;
  try {
    identity = verifyAccessTokenCached(jwt, match[1]);
  } catch (error) {
    if (error instanceof InvalidTokenError && error.reason === 'expired') {
      throw unauthenticated('The access token has expired: get a new one with refreshToken');
    }
    throw unauthenticated('The access token is invalid');
  }
  // sent in the same write as the other lookups of the request (auto-pipelining), as one pipeline
  // would be: a command's own error counts as no answer, a connection's fails the request
  const [revoked, positions] = await Promise.all([
    redis.exists(`auth:revoked-session:${identity.sessionId}`).catch(noReply),
    redis.hgetall(userPositionsKey(identity.userId)).catch(noReply),
  ]);
  if (revoked) throw unauthenticated('This session has ended: sign in again');
  return { identity: { userId: identity.userId, roles: [...identity.roles], sessionId: identity.sessionId }, positions: storedPositions(positions) };
}
