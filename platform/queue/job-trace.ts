import { context, SpanKind, trace, type Context } from '@opentelemetry/api';
import type { Job } from 'bullmq';
import { endSpan, extractTraceContext, startTracing, traceHeaders, tracer } from '../http/tracing';

/** The payload key that carries the enqueuing request's W3C `traceparent` into the job. */
export const TRACE_KEY = '_traceparent';

/** The payload with the active trace context, when there is one and the payload is an object. */
export function withTraceContext(payload: unknown): unknown {
  const traceparent = traceHeaders().traceparent;
  if (!traceparent || !payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  return { ...(payload as object), [TRACE_KEY]: traceparent };
}

/** Takes the trace context out of the job's data (handlers see the payload as it was enqueued). */
function takeTraceContext(job: Job): Context {
  const data = job.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || typeof data[TRACE_KEY] !== 'string') return extractTraceContext({});
  const { [TRACE_KEY]: traceparent, ...rest } = data;
  job.data = rest;
  return extractTraceContext({ traceparent: traceparent as string });
}

/** Runs a job's handler in a CONSUMER span that continues the trace of the request that enqueued it. */
export async function runTraced<T>(queue: string, job: Job, handler: () => Promise<T>): Promise<T> {
  startTracing(`${queue}-worker`); // a worker process's first job names its service
  const parent = takeTraceContext(job);
  const span = tracer().startSpan(`job ${queue} ${job.name}`, {
    kind: SpanKind.CONSUMER,
    attributes: { 'messaging.system': 'bullmq', 'messaging.destination.name': queue, 'messaging.message.id': job.id ?? '' },
  }, parent);
  try {
    const result = await context.with(trace.setSpan(parent, span), handler);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}
