import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { context as otelContext, SpanKind, trace } from '@opentelemetry/api';
import { GATEWAY_CALLER, INTERNAL_TOKEN_HEADER, InternalTokenSigner } from '../../platform/auth/internal-token';
import { HEADERS } from '../../platform/context';
import { maxLsn } from '../../platform/db/lsn';
import { formatPositions, hasPositions, mergePositions, parsePositions } from '../../platform/db/positions';
import { CATALOG } from './consistency';
import { endSpan, traceHeaders, tracer } from '../../platform/http/tracing';
import type { GatewayContext } from './gateway-context';
import { gatewayMetrics } from './metrics/gateway-metrics';

type DataSourceOptions = Omit<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0]>, 'url'>;

/**
 * Calls a subgraph on behalf of the gateway: the internal credential (audience = this subgraph,
 * issuer = gateway) carrying the verified identity, the request id, the client's address, and the
 * consistency positions; reads back the positions of the writes the subgraph caused. Each fetch
 * is a CLIENT span (its `traceparent` goes to the subgraph) and is timed in
 * gateway_subgraph_fetch_duration_seconds. `options` go to RemoteGraphQLDataSource (a fetcher…).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly credentials: InternalTokenSigner;

  constructor(
    url: string,
    internalSecret: string,
    private readonly subgraph = 'subgraph',
    options: DataSourceOptions = {},
  ) {
    super({ ...options, url });
    this.credentials = new InternalTokenSigner(internalSecret, GATEWAY_CALLER);
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
      headers.set(INTERNAL_TOKEN_HEADER, this.credentials.token(this.subgraph));
      return;
    }
    headers.set(INTERNAL_TOKEN_HEADER, this.credentials.token(this.subgraph, context.identity));
    headers.set(HEADERS.requestId, context.requestId);
    // the whole map: a subgraph reads its own entry and passes the others on to the subgraphs it calls
    const catalog = maxLsn(context.positions[CATALOG], context.catalogMinLsn);
    const positions = catalog ? { ...context.positions, [CATALOG]: catalog } : context.positions;
    if (hasPositions(positions)) headers.set(HEADERS.positions, formatPositions(positions));
    if (context.client.ip) headers.set(HEADERS.clientIp, context.client.ip);
    if (context.client.userAgent) headers.set(HEADERS.clientUserAgent, context.client.userAgent);
  }

  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    const committed = parsePositions(response.http?.headers.get(HEADERS.committedPositions));
    if (hasPositions(committed) && 'requestId' in context) {
      mergePositions(context.committed, committed);
      // a later subgraph fetch of the same request must see these writes too
      mergePositions(context.positions, committed);
    }
    return response;
  }
}
