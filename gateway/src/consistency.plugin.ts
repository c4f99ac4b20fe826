import type { ApolloServerPlugin } from '@apollo/server';
import type Redis from 'ioredis';
import { CATALOG_CONSISTENCY_KEY, CONSISTENCY_HEADER, rememberPosition, rememberWrite } from './consistency';
import type { GatewayContext } from './gateway-context';

/**
 * Before the response: hand back and remember the position of any write the request made (for
 * the caller, and for every reader when the catalog changed).
 */
export function consistencyPlugin(redis: Redis, windowSeconds: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const lsn = contextValue.committedLsn ?? contextValue.minLsn;
          if (lsn) response.http.headers.set(CONSISTENCY_HEADER, lsn);
          if (contextValue.committedLsn && contextValue.identity) {
            await rememberWrite(redis, contextValue.identity.userId, contextValue.committedLsn, windowSeconds);
          }
          if (contextValue.catalogCommittedLsn) {
            await rememberPosition(redis, CATALOG_CONSISTENCY_KEY, contextValue.catalogCommittedLsn, windowSeconds);
          }
        },
      };
    },
  };
}
