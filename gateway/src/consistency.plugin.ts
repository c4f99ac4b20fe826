import type { ApolloServerPlugin } from '@apollo/server';
import type Redis from 'ioredis';
import { hasPositions } from '../../platform/db/positions';
import { CATALOG, CATALOG_CONSISTENCY_KEY, CONSISTENCY_HEADER, rememberPosition, rememberPositions } from './consistency';
import type { ConsistencyTokens } from './consistency-token';
import type { GatewayContext } from './gateway-context';

/**
 * Before the response: remember the positions of the writes the request caused — in Redis for a
 * signed-in user (and for every reader when the catalog changed), in a signed
 * `x-consistency-token` for a guest. A response a shared cache may keep never carries a token:
 * a cached token would be handed to every reader.
 */
export function consistencyPlugin(redis: Redis, windowSeconds: number, tokens: ConsistencyTokens): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, overallCachePolicy }) {
          const { committed, positions, identity } = contextValue;
          if (!hasPositions(committed)) return;
          // without Redis the write stands: a signed-in caller gets the signed token instead, as a guest does
          let remembered = true;
          try {
            if (identity) await rememberPositions(redis, identity.userId, committed, windowSeconds);
            if (committed[CATALOG]) await rememberPosition(redis, CATALOG_CONSISTENCY_KEY, committed[CATALOG], windowSeconds);
          } catch (error) {
            remembered = false;
            contextValue.log.warn({ err: error }, 'write positions not kept in Redis (unreachable): answered in the consistency token');
          }
          const publicPolicy = overallCachePolicy.policyIfCacheable()?.scope === 'PUBLIC';
          const publicHeader = /\bpublic\b/i.test(response.http.headers.get('cache-control') ?? '');
          if ((!identity || !remembered) && !publicPolicy && !publicHeader) response.http.headers.set(CONSISTENCY_HEADER, tokens.sign(positions));
        },
      };
    },
  };
}
