import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';

/**
 * GraphQL metrics every server shares (gateway and subgraphs), in the default prom-client
 * registry that /metrics serves: requests and their latency per operation, and errors by code.
 */
export const graphqlRequestDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'GraphQL requests served, by service and operation; the _count is the request rate',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

export const graphqlErrors = new Counter({
  name: 'graphql_errors_total',
  help: 'Errors in GraphQL responses, by service and extensions.code',
  labelNames: ['service', 'code'] as const,
});

/** Operation names come from clients: past `max` distinct names, the rest count as "other". */
export function boundedLabel(max = 300): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}

/** Observes every request's latency and outcome, and counts its errors by code. */
export function graphqlMetricsPlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  const label = boundedLabel();
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = errors?.length || body?.errors?.length;
          for (const e of body?.errors ?? errors ?? []) {
            graphqlErrors.inc({ service, code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
          graphqlRequestDuration.observe(
            { service, operation: label(operationName ?? 'anonymous'), outcome: failed ? 'error' : 'ok' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };
}
