import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import type { RequestHandler } from 'express';

/**
 * W3C trace context across the system: the gateway continues (or starts) the trace of each
 * request, passes `traceparent` to every subgraph it calls, subgraphs pass it to the jobs they
 * enqueue (in the outbox row), and workers continue it. Spans are exported with OTLP/HTTP when
 * the standard variables say so:
 *
 * - `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): the collector;
 *   setting one turns the OTLP exporter on;
 * - `OTEL_TRACES_EXPORTER`: `otlp`, `console` or `none` (overrides the above);
 * - `OTEL_SERVICE_NAME`, `OTEL_TRACES_SAMPLER`…: as the OpenTelemetry SDK reads them.
 *
 * Without an exporter, trace ids are still generated and propagated (they appear in the logs).
 * Metrics and logs go through Prometheus and pino, not through OpenTelemetry.
 */
let sdk: NodeSDK | undefined;

export const tracer = () => trace.getTracer('commerce-supergraph');

/** Which exporter the environment asks for: `otlp`, `console` or `none`. */
export function tracesExporterKind(env: NodeJS.ProcessEnv): string {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return env.OTEL_TRACES_EXPORTER || (endpoint ? 'otlp' : 'none');
}

function spanProcessor(env: NodeJS.ProcessEnv): tracing.SpanProcessor {
  const kind = tracesExporterKind(env);
  if (kind === 'otlp') return new tracing.BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 500 });
  if (kind === 'console') return new tracing.SimpleSpanProcessor(new tracing.ConsoleSpanExporter());
  return new tracing.NoopSpanProcessor();
}

/**
 * Starts the process's tracer once (the first service name wins); later calls do nothing.
 * `extraProcessors` receive every span too (tests read spans with an in-memory exporter).
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env, extraProcessors: tracing.SpanProcessor[] = []): void {
  if (sdk) return;
  // this SDK is for traces only: without these it would also start OTLP metric and log exporters
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || service,
    autoDetectResources: false,
    instrumentations: [],
    spanProcessors: [spanProcessor(env), ...extraProcessors],
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

/**
 * Express middleware: a SERVER span per request, child of the caller's `traceparent`, active
 * while the request is handled (so subgraph calls and enqueued jobs continue the trace).
 */
export function traceRequests(service: string): RequestHandler {
  startTracing(service);
  return (req, res, next) => {
    const parent = extractTraceContext(req.headers);
    const span = tracer().startSpan(`${req.method} ${req.baseUrl || req.path}`, {
      kind: SpanKind.SERVER,
      attributes: { 'service.name': service, 'http.request.method': req.method, 'url.path': req.originalUrl.split('?')[0] },
    }, parent);
    res.on('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}
