import type { Job } from 'bullmq';
import type { BaseContext, RequestInfo } from '../context';
import { currentTraceId } from '../http/tracing';
import type { Logger } from '../logger';
import type { JobHandlers } from './consumer';
import type { EventPayloads } from './events';

/** Runs one job: the context (the same type a request gets) and the payload enqueued with it. */
export type JobHandler<C extends BaseContext, P> = (ctx: C, payload: P) => Promise<unknown>;

/**
 * A subgraph's handlers by job name. `P` maps every job name the subgraph consumes to its payload:
 * the events it subscribes to (their payloads from events.ts, e.g. `Pick<EventPayloads, 'order.confirmed'>`)
 * and its own jobs. A missing handler or a payload of the wrong shape is a type error.
 */
export type HandlerMap<C extends BaseContext, P extends object> = { [K in keyof P & string]: JobHandler<C, P[K]> };

/** The events a subgraph subscribes to, with their payloads. */
export type EventsOf<E extends keyof EventPayloads> = Pick<EventPayloads, E>;

/** What a job knows before its handler's context is built; the subgraph itself is the caller. */
export function jobRequestInfo(queue: string, job: Pick<Job, 'id' | 'name' | 'attemptsMade' | 'opts'>, log: Logger): RequestInfo {
  const id = String(job.id);
  const requestId = `job:${queue}:${id}`;
  const attempt = job.attemptsMade + 1;
  return {
    requestId,
    caller: queue,
    positions: {},
    committed: {},
    client: { ip: null, userAgent: null },
    log: log.child({ requestId, job: job.name, jobId: id, traceId: currentTraceId() }),
    job: { id, name: job.name, attempt, lastAttempt: attempt >= (job.opts.attempts ?? 1) },
  };
}

/** The consumer's dispatch table: each delivery gets a fresh context built by `contextFor`. */
export function jobHandlers<C extends BaseContext, P extends object>(
  queue: string,
  log: Logger,
  contextFor: (info: RequestInfo) => C | Promise<C>,
  handlers: HandlerMap<C, P>,
): JobHandlers {
  const table: JobHandlers = {};
  for (const [name, handler] of Object.entries(handlers) as [string, JobHandler<C, unknown>][]) {
    table[name] = async (job: Job) => {
      const ctx = await contextFor(jobRequestInfo(queue, job, log));
      await handler(ctx, job.data);
    };
  }
  return table;
}
