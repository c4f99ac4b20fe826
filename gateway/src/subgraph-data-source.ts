import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { context as otelContext, SpanKind, trace } from '@opentelemetry/api';
import { signInternalToken, INTERNAL_TOKEN_HEADER } from '../../platform/auth/internal-token';
import { HEADERS } from '../../platform/context';
import { maxLsn } from '../../platform/db/lsn';
import { endSpan, traceHeaders, tracer } from '../../platform/http/tracing';
import type { GatewayContext } from './gateway-context';
import type { Fetcher } from './http/subgraph-fetcher';
import { gatewayMetrics } from './metrics/gateway-metrics';

/**
 * Calls a subgraph on behalf of the gateway: the internal credential carrying the verified
 * identity, the request id, the client's address, and the consistency position; reads back the
 * position of any write the subgraph made. Each fetch is a CLIENT span (its `traceparent` goes
 * to the subgraph) and is timed in gateway_subgraph_fetch_duration_seconds.
 */
/** The subgraph whose data every reader shares (see CATALOG_CONSISTENCY_KEY). */
const CATALOG = 'catalog';

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly internalSecret: string,
    private readonly subgraph = 'subgraph',
    options: { fetcher?: Fetcher } = {},
  ) {
    super({ url, ...(options.fetcher ? { fetcher: options.fetcher } : {}) });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const parent = ('traceContext' in options.context && options.context.traceContext) || otelContext.active();
    const span = tracer().startSpan(`subgraph ${this.subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph': this.subgraph } }, parent);
    const timer = gatewayMetrics.subgraphFetch.startTimer({ subgraph: this.subgraph });
    try {
      const response = await otelContext.with(trace.setSpan(parent, span), () => super.process(options));
      timer({ outcome: response.errors?.length ? 'error' : 'ok' });
      endSpan(span);
      return response;
    } catch (error) {
      timer({ outcome: 'failed' });
      endSpan(span, error);
      throw error;
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    for (const [name, value] of Object.entries(traceHeaders())) headers.set(name, value);
    if (!('requestId' in context)) {
      // the gateway's own calls (none today: the supergraph is static) carry only the credential
      headers.set(INTERNAL_TOKEN_HEADER, signInternalToken(this.internalSecret, { caller: 'gateway' }));
      return;
    }
    context.internalToken ??= signInternalToken(this.internalSecret, { caller: 'gateway', identity: context.identity });
    headers.set(INTERNAL_TOKEN_HEADER, context.internalToken);
    headers.set(HEADERS.requestId, context.requestId);
    const minLsn = this.subgraph === CATALOG ? maxLsn(context.minLsn, context.catalogMinLsn) : context.minLsn;
    if (minLsn) headers.set(HEADERS.minLsn, minLsn);
    if (context.client.ip) headers.set(HEADERS.clientIp, context.client.ip);
    if (context.client.userAgent) headers.set(HEADERS.clientUserAgent, context.client.userAgent);
  }

  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const lsn = response.http?.headers.get(HEADERS.committedLsn) ?? undefined;
    if (lsn && 'requestId' in context) {
      context.committedLsn = maxLsn(context.committedLsn, lsn);
      if (this.subgraph === CATALOG) context.catalogCommittedLsn = maxLsn(context.catalogCommittedLsn, lsn);
      // a later subgraph fetch of the same request must see this write too
      context.minLsn = maxLsn(context.minLsn, lsn);
    }
    return response;
  }
}
