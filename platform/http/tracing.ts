import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type ContextManager,
  type Span,
  type SpanOptions,
  type TextMapPropagator,
  type Tracer,
} from '@opentelemetry/api';
import type { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { randomFillSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * W3C trace context across the system: the gateway continues (or starts) the trace of each
 * request, passes `traceparent` to every subgraph it calls, subgraphs pass it to the jobs they
 * enqueue (in the outbox row), and workers continue it. Spans are exported with OTLP/HTTP when
 * the standard variables say so:
 *
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): the collector;
 *   setting one turns the OTLP exporter on;
 * - `OTEL_TRACES_EXPORTER`: `otlp`, `console` or `none` (overrides the above);
 * - `OTEL_TRACES_SAMPLER`, `OTEL_TRACES_SAMPLER_ARG`: as the OpenTelemetry SDK reads them; unset,
 *   an exporter samples `parentbased_traceidratio` with ratio 0.1 (a caller's sampled trace is
 *   always continued);
 * - `OTEL_SERVICE_NAME`: as the SDK reads it.
 *
 * Without an exporter the SDK is not started: no span is recorded and no async context is
 * tracked. Trace ids are still generated (or taken from the caller's `traceparent`) for the log
 * lines, and the gateway passes them on to the subgraphs; jobs then start their own trace ids.
 * Metrics and logs go through Prometheus and pino, not through OpenTelemetry.
 */
let sdk: NodeSDK | undefined;
let lite = false;

/**
 * The SDK and the OTLP exporter, loaded only by a process that records spans: they are about
 * 2,000 modules, which a process that keeps only ids would hold in memory (and mark in every GC).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const sdkNode = (): typeof import('@opentelemetry/sdk-node') => require('@opentelemetry/sdk-node');
const otlpExporter = (): typeof import('@opentelemetry/exporter-trace-otlp-http') => require('@opentelemetry/exporter-trace-otlp-http');
/* eslint-enable @typescript-eslint/no-require-imports */

export const tracer = () => trace.getTracer('commerce-supergraph');

/** Which exporter the environment asks for: `otlp`, `console` or `none`. */
export function tracesExporterKind(env: NodeJS.ProcessEnv): string {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return env.OTEL_TRACES_EXPORTER || (endpoint ? 'otlp' : 'none');
}

function spanProcessor(env: NodeJS.ProcessEnv): tracing.SpanProcessor {
  const kind = tracesExporterKind(env);
  const { tracing } = sdkNode();
  const { OTLPTraceExporter } = otlpExporter();
  if (kind === 'otlp') return new tracing.BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 500 });
  if (kind === 'console') return new tracing.SimpleSpanProcessor(new tracing.ConsoleSpanExporter());
  return new tracing.NoopSpanProcessor();
}

/** The default sampler of an exporting process; the environment's own OTEL_TRACES_SAMPLER wins. */
function sampler(env: NodeJS.ProcessEnv, exporting: boolean): tracing.Sampler | undefined {
  if (env.OTEL_TRACES_SAMPLER) return undefined; // the SDK reads it
  const { tracing } = sdkNode();
  if (!exporting) return new tracing.AlwaysOnSampler(); // only extra processors (tests): every span
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '0.1');
  return new tracing.ParentBasedSampler({ root: new tracing.TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 0.1) });
}

/**
 * Starts the process's tracer once (the first service name wins); later calls do nothing.
 * `extraProcessors` receive every span too (tests read spans with an in-memory exporter).
 * Without an exporter and without extra processors, only ids are kept (see above).
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env, extraProcessors: tracing.SpanProcessor[] = []): void {
  if (sdk || lite) return;
  const exporting = tracesExporterKind(env) !== 'none';
  if (!exporting && extraProcessors.length === 0) {
    startIdsOnly();
    return;
  }
  // this SDK is for traces only: without these it would also start OTLP metric and log exporters
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  sdk = new (sdkNode().NodeSDK)({
    serviceName: env.OTEL_SERVICE_NAME || service,
    autoDetectResources: false,
    instrumentations: [],
    spanProcessors: [spanProcessor(env), ...extraProcessors],
    sampler: sampler(env, exporting),
  });
  sdk.start();
}

/** Flushes and stops the exporter (on process stop). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}

/** Sends buffered spans now (tests, and before a worker exits). */
export async function flushTracing(): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
  await delegate.forceFlush?.();
}

type Carrier = Record<string, string | string[] | undefined>;

/** The trace context a request or job carries (`traceparent`, `tracestate`). */
export const extractTraceContext = (carrier: Carrier): Context =>
  propagation.extract(ROOT_CONTEXT, carrier, {
    get: (c, key) => c[key],
    keys: (c) => Object.keys(c),
  });

/** `traceparent` (and `tracestate`) of `ctx`, for an outgoing request or an enqueued job. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  return headers;
}

/** The trace id of the active span, for log lines. */
export const currentTraceId = (ctx: Context = context.active()): string | undefined => {
  const id = trace.getSpan(ctx)?.spanContext().traceId;
  return id && id !== '00000000000000000000000000000000' ? id : undefined;
};

export function endSpan(span: Span, error?: unknown): void {
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
  }
  span.end();
}

/** Each response's trace context, set by traceRequests. */
const traceContexts = new WeakMap<ServerResponse, Context>();

/** The trace context of the request `res` answers (set by traceRequests), for work that runs after an await. */
export const requestTraceContext = (res: ServerResponse): Context => traceContexts.get(res) ?? context.active();

/**
 * A request step (node:http or Express): a SERVER span per request, child of the caller's
 * `traceparent`, active while the request is handled (so subgraph calls and enqueued jobs continue
 * the trace) and kept for requestTraceContext.
 */
export function traceRequests(service: string): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  startTracing(service);
  return (req, res, next) => {
    const parent = extractTraceContext(req.headers);
    if (lite) {
      const active = trace.setSpan(parent, tracer().startSpan(''));
      traceContexts.set(res, active);
      context.with(active, next);
      return;
    }
    // Express shortens req.url under a mounted path; originalUrl keeps it
    const path = ((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/').split('?')[0];
    const span = tracer().startSpan(`${req.method} ${path}`, {
      kind: SpanKind.SERVER,
      attributes: { 'service.name': service, 'http.request.method': req.method, 'url.path': path },
    }, parent);
    res.on('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    const active = trace.setSpan(parent, span);
    traceContexts.set(res, active);
    context.with(active, next);
  };
}

// ---- ids only: trace ids for logs and propagation, without the SDK ----

/** Random bytes are drawn in blocks: one system call per 256 ids rather than one per id. */
const randomPool = Buffer.alloc(4096);
let randomAt = randomPool.length;
function randomHex(bytes: number): string {
  if (randomAt + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomAt = 0;
  }
  const hex = randomPool.toString('hex', randomAt, randomAt + bytes);
  randomAt += bytes;
  return hex;
}

/** Spans that record nothing: the caller's trace id (or a new one) and a new span id. */
const idsOnlyTracer: Tracer = {
  startSpan(_name: string, _options?: SpanOptions, ctx: Context = context.active()): Span {
    const parent = trace.getSpanContext(ctx);
    const traceId = parent && trace.isSpanContextValid(parent) ? parent.traceId : randomHex(16);
    return trace.wrapSpanContext({ traceId, spanId: randomHex(8), traceFlags: parent?.traceFlags ?? 0 });
  },
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: unknown[]): ReturnType<F> {
    const fn = rest[rest.length - 1] as (span: Span) => ReturnType<F>;
    const options = (rest.length > 1 ? rest[0] : undefined) as SpanOptions | undefined;
    const ctx = (rest.length > 2 ? rest[1] : undefined) as Context | undefined;
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx ?? context.active(), span), fn, undefined, span) as ReturnType<F>;
  },
};

/**
 * The active context during the synchronous part of `with` only: no async hooks, so no cost per
 * promise. Work after an await takes its context explicitly (requestTraceContext, GatewayContext).
 */
class SynchronousContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;
  active(): Context {
    return this.current;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const manager = this;
    return function (this: unknown, ...args: unknown[]) {
      return manager.with(ctx, () => (target as (...a: unknown[]) => unknown).apply(this, args));
    } as T;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** W3C `traceparent` in and out (`tracestate` is not kept without the SDK). */
const traceparentPropagator: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (!span || !trace.isSpanContextValid(span)) return;
    setter.set(carrier, 'traceparent', `00-${span.traceId}-${span.spanId}-0${(span.traceFlags & 1).toString(16)}`);
  },
  extract(ctx, carrier, getter) {
    const raw = getter.get(carrier, 'traceparent');
    const match = TRACEPARENT.exec((Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '');
    if (!match || match[1] === 'ff') return ctx;
    const spanContext = { traceId: match[2], spanId: match[3], traceFlags: parseInt(match[4], 16) & 1, isRemote: true };
    return trace.isSpanContextValid(spanContext) ? trace.setSpanContext(ctx, spanContext) : ctx;
  },
  fields: () => ['traceparent'],
};

function startIdsOnly() {
  lite = true;
  context.setGlobalContextManager(new SynchronousContextManager());
  propagation.setGlobalPropagator(traceparentPropagator);
  trace.setGlobalTracerProvider({ getTracer: () => idsOnlyTracer });
}
