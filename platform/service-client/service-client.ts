import { SpanKind, context as otelContext, trace } from '@opentelemetry/api';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, print, type DocumentNode } from 'graphql';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, fetch } from 'undici';
import { INTERNAL_TOKEN_HEADER, InternalTokenSigner } from '../auth/internal-token';
import type { Identity } from '../auth/roles';
import type { ClientInfo } from '../context';
import { HEADERS } from '../headers';
import { formatPositions, hasPositions, mergePositions, parsePositions, type Positions } from '../db/positions';
import { endSpan, traceHeaders, tracer } from '../http/tracing';
import type { Logger } from '../logger';
import { ServiceCallError, type ServiceGraphQLError } from './service-call-error';

export { ServiceCallError };
export type { TypedDocumentNode };

/**
 * What a call needs from the caller: a request's context, or the context a queue job builds
 * (request id, log, positions; the identity when the job acts for a user). The positions of the
 * writes the call caused are merged into `positions` (later reads and calls of the same request
 * see them) and into `committed` (what the caller reports to its own caller).
 */
export interface ServiceCallContext {
  requestId: string;
  log: Logger;
  identity?: Identity;
  positions: Positions;
  committed?: Positions;
  client?: ClientInfo;
}

export interface ServiceClientOptions {
  /** The calling subgraph: the credential's issuer (a worker uses its subgraph's name). */
  caller: string;
  internalSecret: string;
  /** GraphQL URLs by subgraph name; by default read from `<NAME>_URL` in `env`. */
  urls?: Record<string, string | undefined>;
  env?: NodeJS.ProcessEnv;
  /** Default timeout of a call, retries included (ms); default 5000. */
  timeoutMs?: number;
  /** Extra attempts of an idempotent call; default 2. */
  retries?: number;
  /** First back-off delay (ms), doubled on each retry; default 100. */
  retryDelayMs?: number;
  /** Kept-alive connections per target; default 16. */
  connections?: number;
}

export interface CallOptions {
  /** Only calls marked idempotent are retried (after a network error or a 502/503/504). */
  idempotent?: boolean;
  /** This call's timeout (ms), retries included. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** A typed document from source text: `typedDocument<Result, Variables>('mutation …')`. */
export function typedDocument<R, V extends Record<string, unknown> = Record<string, never>>(source: string): TypedDocumentNode<R, V> {
  return parse(source) as TypedDocumentNode<R, V>;
}

const printed = new WeakMap<DocumentNode, string>();
function sourceOf(document: DocumentNode): string {
  let source = printed.get(document);
  if (source === undefined) {
    source = print(document);
    printed.set(document, source);
  }
  return source;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * Calls other subgraphs' operations (internal `@inaccessible` ones included) the way the gateway
 * does: the internal credential (audience = the target, issuer = this subgraph, the user's
 * identity when there is one), the request id, the trace context and the consistency positions;
 * it reads back the positions of the writes the call caused. Connections are kept alive.
 */
export class ServiceClient {
  private readonly signer: InternalTokenSigner;
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(private readonly options: ServiceClientOptions) {
    this.signer = new InternalTokenSigner(options.internalSecret, options.caller);
    this.agent = new Agent({ keepAliveTimeout: 10_000, connections: options.connections ?? 16 });
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 100;
  }

  get caller(): string {
    return this.options.caller;
  }

  /** Points calls to these subgraphs at new URLs (e.g. servers that started listening after this client was made). */
  useUrls(urls: Record<string, string>): void {
    this.options.urls = { ...this.options.urls, ...urls };
  }

  urlOf(target: string): string {
    const url = this.options.urls?.[target] ?? (this.options.env ?? process.env)[`${target.toUpperCase().replace(/-/g, '_')}_URL`];
    if (!url) throw new Error(`No URL for the ${target} subgraph: set ${target.toUpperCase().replace(/-/g, '_')}_URL`);
    return url;
  }

  /** Runs `document` on `target` and returns its data; throws ServiceCallError on any failure. */
  async call<R, V extends Record<string, unknown>>(
    ctx: ServiceCallContext,
    target: string,
    document: TypedDocumentNode<R, V>,
    variables: V,
    options: CallOptions = {},
  ): Promise<R> {
    const url = this.urlOf(target);
    const body = JSON.stringify({ query: sourceOf(document), variables });
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const deadline = Date.now() + timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const attempts = options.idempotent ? this.retries + 1 : 1;

    const span = tracer().startSpan(`service ${target}`, { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph': target, 'service.caller': this.caller } });
    try {
      const data = await otelContext.with(trace.setSpan(otelContext.active(), span), async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await this.attempt<R>(ctx, target, url, body, signal, attempt);
          } catch (error) {
            const retry = attempt < attempts && error instanceof ServiceCallError && error.failure === 'UNAVAILABLE';
            const delay = this.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
            if (!retry || Date.now() + delay >= deadline) throw error;
            ctx.log.warn({ target, attempt, err: error.message }, 'retrying an idempotent service call');
            await sleep(delay, undefined, { signal }).catch(() => undefined);
          }
        }
      });
      endSpan(span);
      return data;
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  }

  private async attempt<R>(ctx: ServiceCallContext, target: string, url: string, body: string, signal: AbortSignal, attempt: number): Promise<R> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [INTERNAL_TOKEN_HEADER]: this.signer.token(target, ctx.identity),
      [HEADERS.requestId]: ctx.requestId,
      ...traceHeaders(),
    };
    if (hasPositions(ctx.positions)) headers[HEADERS.positions] = formatPositions(ctx.positions);
    if (ctx.client?.ip) headers[HEADERS.clientIp] = ctx.client.ip;
    if (ctx.client?.userAgent) headers[HEADERS.clientUserAgent] = ctx.client.userAgent;

    let response: Awaited<ReturnType<typeof fetch>>;
    let text: string;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal, dispatcher: this.agent });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) {
        const reason = signal.reason as Error | undefined;
        const timedOut = reason?.name === 'TimeoutError';
        throw new ServiceCallError(target, 'TIMEOUT', timedOut ? 'no answer before the timeout' : 'the call was cancelled', { attempts: attempt, cause: reason });
      }
      throw new ServiceCallError(target, 'UNAVAILABLE', `could not be reached (${(error as Error).message})`, { attempts: attempt, cause: error });
    }

    // a write may have committed even when the answer is an error: keep its position
    const committed = parsePositions(response.headers.get(HEADERS.committedPositions));
    if (hasPositions(committed)) {
      mergePositions(ctx.positions, committed);
      if (ctx.committed) mergePositions(ctx.committed, committed);
    }

    if (RETRYABLE_STATUS.has(response.status)) throw new ServiceCallError(target, 'UNAVAILABLE', `answered ${response.status}`, { status: response.status, attempts: attempt });
    let result: { data?: R | null; errors?: ServiceGraphQLError[] };
    try {
      result = JSON.parse(text);
    } catch (error) {
      throw new ServiceCallError(target, 'BAD_RESPONSE', `answered ${response.status} with a body that is not JSON`, { status: response.status, attempts: attempt, cause: error });
    }
    if (response.status < 200 || response.status >= 300) {
      throw new ServiceCallError(target, 'HTTP_ERROR', `answered ${response.status}: ${result.errors?.[0]?.message ?? 'no message'}`, { status: response.status, errors: result.errors, attempts: attempt });
    }
    if (result.errors?.length) {
      throw new ServiceCallError(target, 'GRAPHQL_ERROR', result.errors.map((e) => e.message).join('; '), { status: response.status, errors: result.errors, attempts: attempt });
    }
    if (!result.data) throw new ServiceCallError(target, 'BAD_RESPONSE', 'answered without data', { status: response.status, attempts: attempt });
    return result.data;
  }

  /** Closes the kept-alive connections. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}
