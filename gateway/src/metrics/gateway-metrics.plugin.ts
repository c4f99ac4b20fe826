import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';
import { gatewayMetrics } from './gateway-metrics';

/** Response cache hits and misses, and APQ use, per request. */
export function gatewayMetricsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ metrics, operation, contextValue }) {
          if (metrics.persistedQueryHit) gatewayMetrics.persistedQueries.inc({ kind: 'apq_hit' });
          if (metrics.persistedQueryRegister) gatewayMetrics.persistedQueries.inc({ kind: 'apq_register' });
          if (operation?.operation === 'query' && !contextValue.identity && metrics.responseCacheHit !== undefined) {
            gatewayMetrics.responseCache.inc({ result: metrics.responseCacheHit ? 'hit' : 'miss' });
          }
        },
      };
    },
  };
}
