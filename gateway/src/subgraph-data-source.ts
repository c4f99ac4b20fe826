import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayCacheHint, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { context as otelContext, SpanKind, trace } from '@opentelemetry/api';
import { GATEWAY_CALLER, INTERNAL_TOKEN_HEADER, InternalTokenSigner } from '../../platform/auth/internal-token';
import { HEADERS } from '../../platform/headers';
import { maxLsn } from '../../platform/db/lsn';
import { formatPositions, hasPositions, mergePositions, parsePositions } from '../../platform/db/positions';
import { CATALOG } from './consistency';
import { endSpan, traceHeaders, tracer } from '../../platform/http/tracing';
import type { GatewayContext } from './gateway-context';
import type { SubgraphBreaker } from './http/subgraph-breaker';
import { ResponseHeaders, type Fetcher } from './http/subgraph-fetcher';
import { gatewayMetrics } from './metrics/gateway-metrics';

/** A subgraph response's Cache-Control as a cache hint, read as RemoteGraphQLDataSource reads it. */
function cacheHint(header: string | null | undefined): GatewayCacheHint {
  const parsed: Record<string, string | true> = {};
  for (const part of header ? header.trim().split(/\s*,\s*/) : []) {
    const [name, value] = part.split(/\s*=\s*/, 2);
    parsed[name] = value === undefined ? true : value.replace(/^"|"$/g, '');
  }
  const maxAge = parsed['max-age'];
  return {
    maxAge: typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
    ...(parsed.private === true ? { scope: 'PRIVATE' as const } : {}),
    ...(parsed.public === true ? { scope: 'PUBLIC' as const } : {}),
  };
}

/** Query plans send the same few documents again and again: each one's JSON string, remembered. */
const quotedQueries = new Map<string, string>();
const MAX_QUOTED_QUERIES = 1000;

function quoted(query: string): string {
  let json = quotedQueries.get(query);
  if (json === undefined) {
    json = JSON.stringify(query);
    if (quotedQueries.size >= MAX_QUOTED_QUERIES) quotedQueries.clear();
    quotedQueries.set(query, json);
  }
  return json;
}

type DataSourceOptions = Omit<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0]>, 'url' | 'fetcher'> & {
  /** The way to the subgraph (createSubgraphFetcher's), which applies each call's timeoutMs. */
  fetcher: Fetcher;
  /** Longest wait for the subgraph's response headers, and between its body chunks; default 10 s. */
  timeoutMs?: number;
  /** Fails calls at once while the subgraph keeps failing. */
  breaker?: SubgraphBreaker;
};

/** The subgraph did not answer (refused, timed out, 5xx) or its breaker is open. */
class SubgraphUnavailable extends Error {
  constructor(
    readonly subgraph: string,
    readonly reason: string,
  ) {
    super(`The ${subgraph} service is unavailable`);
  }
}

/**
 * The answer for a fetch that got none: one error per entity asked for (the gateway turns
 * `_entities.<i>` into the path of that entity in the response, whose fields become null) or,
 * for a root fetch, one error without a path.
 */
function unavailableResponse(error: SubgraphUnavailable, options: GraphQLDataSourceProcessOptions<GatewayContext>): GatewayGraphQLResponse {
  const extensions = { code: 'SERVICE_UNAVAILABLE', reason: error.reason };
  const representations = options.request.variables?.representations;
  if (Array.isArray(representations) && representations.length) {
    return { errors: representations.map((_, i) => ({ message: error.message, path: ['_entities', i], extensions })) } as unknown as GatewayGraphQLResponse;
  }
  return { errors: [{ message: error.message, extensions }] } as unknown as GatewayGraphQLResponse;
}

/**
 * Calls a subgraph on behalf of the gateway: the internal credential (audience = this subgraph,
 * issuer = gateway) carrying the verified identity, the request id, the client's address, and the
 * consistency positions; reads back the positions of the writes the subgraph caused. Each fetch
 * is a CLIENT span (its `traceparent` goes to the subgraph) and is timed in
 * gateway_subgraph_fetch_duration_seconds. Other `options` go to RemoteGraphQLDataSource.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly credentials: InternalTokenSigner;
  private readonly fetch: Fetcher;
  private readonly timeoutMs: number;
  private readonly breaker: SubgraphBreaker | undefined;

  constructor(
    url: string,
    internalSecret: string,
    private readonly subgraph = 'subgraph',
    { fetcher, timeoutMs = 10_000, breaker, ...options }: DataSourceOptions,
  ) {
    super({ ...options, url, fetcher });
    this.fetch = fetcher;
    this.credentials = new InternalTokenSigner(internalSecret, GATEWAY_CALLER);
    this.timeoutMs = timeoutMs;
    this.breaker = breaker;
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const parent = ('traceContext' in options.context && options.context.traceContext) || otelContext.active();
    const span = tracer().startSpan(`subgraph ${this.subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph': this.subgraph } }, parent);
    const timer = gatewayMetrics.subgraphFetch.startTimer({ subgraph: this.subgraph });
    try {
      const response = await otelContext.with(trace.setSpan(parent, span), () => this.call(options));
      timer({ outcome: response.errors?.length ? 'error' : 'ok' });
      endSpan(span);
      return response;
    } catch (error) {
      if (error instanceof SubgraphUnavailable) {
        // partial data: the fields this fetch would have filled are null, with an error at their path
        timer({ outcome: 'failed' });
        endSpan(span, error);
        return unavailableResponse(error, options);
      }
      timer({ outcome: 'failed' });
      endSpan(span, error);
      throw error;
    }
  }

  /**
   * RemoteGraphQLDataSource.process (without APQ, which this gateway does not use towards
   * subgraphs) minus the node-fetch Headers and Request it builds on every call for nothing: the
   * same headers and body (`query` first), the same errors, the subgraph's Cache-Control applied
   * to the request's cache policy.
   */
  private async call(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    // the gateway's own calls carry no request context (willSendRequest tells them apart)
    const context = options.context as GatewayContext;
    const headers = new ResponseHeaders();
    for (const [name, value] of request.http?.headers ?? []) headers.append(name, value);
    headers.set('content-type', 'application/json');
    request.http = { method: 'POST', url: this.url, headers };
    await this.willSendRequest(options);
    const { query, http: _http, ...rest } = request;
    if (!query) throw new Error('Missing query');
    const others = JSON.stringify(rest);
    const init = { method: 'POST', headers: Object.fromEntries(headers), body: `{"query":${quoted(query)}${others === '{}' ? '}' : `,${others.slice(1)}`}` };
    if (this.breaker && !this.breaker.allows()) throw new SubgraphUnavailable(this.subgraph, 'circuit open');
    let fetched: Awaited<ReturnType<Fetcher>>;
    try {
      fetched = await this.fetch(this.url, { ...init, timeoutMs: this.timeoutMs });
    } catch (error) {
      this.breaker?.failed();
      const code = (error as { code?: string })?.code;
      throw new SubgraphUnavailable(this.subgraph, code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' ? 'timeout' : 'unreachable');
    }
    if (fetched.status >= 500) {
      this.breaker?.failed();
      // a proxy or load balancer in front of a subgraph that is down; a 500 is the subgraph's own answer
      if (fetched.status !== 500) throw new SubgraphUnavailable(this.subgraph, `status ${fetched.status}`);
    } else this.breaker?.succeeded();
    if (!fetched.ok) throw await this.errorFromResponse(fetched);
    const body = await this.parseBody(fetched, undefined, context);
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options : undefined;
    const response = await this.didReceiveResponse({
      response: { ...body, http: fetched },
      request,
      context,
      pathInIncomingRequest: incoming?.pathInIncomingRequest,
    });
    const policy = incoming?.incomingRequestContext.overallCachePolicy;
    if (this.honorSubgraphCacheControlHeader && policy && 'restrict' in policy) policy.restrict(cacheHint(fetched.headers.get('cache-control')));
    return response;
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
