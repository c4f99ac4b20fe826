import { Counter, Histogram } from 'prom-client';

/** The gateway's own metrics (request latency and errors by code are in platform/http/metrics.ts). */
export const gatewayMetrics = {
  subgraphFetch: new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Time of each fetch the gateway makes to a subgraph, by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  }),
  responseCache: new Counter({
    name: 'gateway_response_cache_total',
    help: 'Anonymous queries looked up in the response cache, by result (hit, miss)',
    labelNames: ['result'] as const,
  }),
  persistedQueries: new Counter({
    name: 'gateway_persisted_queries_total',
    help: 'Operations sent by hash: APQ hits and registrations',
    labelNames: ['kind'] as const,
  }),
  revocationUnchecked: new Counter({
    name: 'gateway_revocation_unchecked_total',
    help: 'Signed-in requests whose session could not be looked up in the revocation list (Redis unreachable), by outcome (accepted: a customer token, refused: a staff token)',
    labelNames: ['outcome'] as const,
  }),
  throttled: new Counter({
    name: 'gateway_throttled_total',
    help: 'Requests refused by a rate limit, by budget (api, checkout)',
    labelNames: ['budget'] as const,
  }),
};
