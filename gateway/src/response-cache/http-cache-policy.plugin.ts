import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';

/**
 * Cache-Control for shared caches (CDNs): the cache hints of the subgraphs give `public, max-age`
 * for anonymous catalog reads; a signed-in caller's response is never cacheable (`no-store`),
 * whatever the hints say, and `Vary: Authorization` keeps a cache from serving an anonymous
 * response to a signed-in request.
 */
export function httpCachePolicy(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, overallCachePolicy }) {
          if (contextValue.identity) overallCachePolicy.restrict({ maxAge: 0 });
        },
        async willSendResponse({ response }) {
          const vary = response.http.headers.get('vary');
          if (!vary?.toLowerCase().includes('authorization')) response.http.headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
        },
      };
    },
  };
}
