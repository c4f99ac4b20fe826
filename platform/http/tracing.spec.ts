import { context, trace } from '@opentelemetry/api';
import { currentTraceId, extractTraceContext, startTracing, traceHeaders, tracer, tracesExporterKind } from './tracing';

/** No exporter in the environment: ids only, no SDK. */
beforeAll(() => startTracing('spec', {}));

const CALLER = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('tracing without an exporter', () => {
  it("continues the caller's trace with a new span id, and passes it on", () => {
    const parent = extractTraceContext({ traceparent: CALLER });
    const span = tracer().startSpan('GET /graphql', {}, parent);
    expect(span.isRecording()).toBe(false);
    const { traceId, spanId } = span.spanContext();
    expect(traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(spanId).not.toBe('00f067aa0ba902b7');
    const active = trace.setSpan(parent, span);
    expect(traceHeaders(active)).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });
    expect(currentTraceId(active)).toBe(traceId);
  });

  it('starts a new trace when the caller sends none, or a malformed one', () => {
    for (const carrier of [{}, { traceparent: 'garbage' }, { traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' }]) {
      const span = tracer().startSpan('GET /graphql', {}, extractTraceContext(carrier));
      expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanContext().traceId).not.toBe('00000000000000000000000000000000');
      expect(traceHeaders(trace.setSpan(context.active(), span)).traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-00`);
    }
    const ids = new Set(Array.from({ length: 500 }, () => tracer().startSpan('x').spanContext().traceId));
    expect(ids.size).toBe(500);
  });

  it('makes a context active for the synchronous part of `with`', () => {
    const span = tracer().startSpan('x', {}, extractTraceContext({ traceparent: CALLER }));
    expect(currentTraceId()).toBeUndefined();
    const seen = context.with(trace.setSpan(context.active(), span), () => [currentTraceId(), traceHeaders().traceparent]);
    expect(seen).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736', `00-4bf92f3577b34da6a3ce929d0e0e4736-${span.spanContext().spanId}-01`]);
    expect(currentTraceId()).toBeUndefined();
  });
});

describe('the exporter', () => {
  it('exports over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_TRACES_EXPORTER) says so', () => {
    expect(tracesExporterKind({})).toBe('none');
    expect(tracesExporterKind({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe('otlp');
    expect(tracesExporterKind({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe('otlp');
    expect(tracesExporterKind({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe('none');
    expect(tracesExporterKind({ OTEL_TRACES_EXPORTER: 'console' })).toBe('console');
  });
});
