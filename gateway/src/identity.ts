import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { InvalidTokenError, type TokenConfig } from '../../platform/auth/access-token';
import type { Identity } from '../../platform/auth/roles';
import type { Positions } from '../../platform/db/positions';
import { storedPositions, userPositionsKey } from './consistency';
import { verifyAccessTokenCached } from './verified-tokens';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * The caller behind an `Authorization: Bearer` header, and their last write positions. No
 * header: a guest. A header that does not verify, has expired or belongs to a revoked session:
 * UNAUTHENTICATED (never silently a guest). One Redis round trip answers both lookups.
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
  const [[, revoked], [, positions]] = (await redis
    .pipeline()
    .exists(`auth:revoked-session:${identity.sessionId}`)
    .hgetall(userPositionsKey(identity.userId))
    .exec()) as [[null, number], [null, Record<string, string> | null]];
  if (revoked) throw unauthenticated('This session has ended: sign in again');
  return { identity: { userId: identity.userId, roles: [...identity.roles], sessionId: identity.sessionId }, positions: storedPositions(positions) };
}
