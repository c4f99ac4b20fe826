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
          // Origin too: the CORS headers differ per origin (http/cors.ts); Apollo's headers replace Express's
          for (const name of ['Authorization', 'Origin']) {
            const vary = response.http.headers.get('vary');
            if (!vary?.toLowerCase().includes(name.toLowerCase())) response.http.headers.set('vary', vary ? `${vary}, ${name}` : name);
          }
        },
      };
    },
  };
}
