import { Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { Histogram } from 'prom-client';
import type { BaseContext } from '../context';
import type { RequestDb, WriteOptions } from '../db/request-db';
import { sql } from '../db/sql';
import type { Logger } from '../logger';
import { runTraced } from './job-trace';
import { observeJobWait, watchQueueDepth } from './queue-metrics';

const jobDuration = new Histogram({
  name: 'queue_job_duration_seconds',
  help: 'Time from a job being processed to it finishing, by queue, job and outcome',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
});

/**
 * Applies a job's effect at most once: the job id is recorded in `processed_jobs` in the same
 * transaction as the effect. A second delivery finds the id and does nothing. Returns false then.
 */
export async function applyOnce(
  db: DataSource | Pick<RequestDb, 'write'>,
  consumer: string,
  jobId: string,
  effect: (manager: EntityManager) => Promise<void>,
  options: WriteOptions = {},
): Promise<boolean> {
  const transaction = <T>(fn: (m: EntityManager) => Promise<T>) => ('write' in db ? db.write(fn, options) : db.transaction(fn));
  return transaction(async (manager) => {
    const inserted = await sql<{ job_id: string }>(
      manager,
      'INSERT INTO processed_jobs (job_id, consumer) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job_id',
      [jobId, consumer],
    );
    if (!inserted.length) return false;
    await effect(manager);
    return true;
  });
}

/** applyOnce for the job a context serves (an event handler's effect). */
export function applyOncePerJob(
  ctx: Pick<BaseContext, 'db' | 'job'>,
  consumer: string,
  effect: (manager: EntityManager) => Promise<void>,
  options: WriteOptions = {},
): Promise<boolean> {
  if (!ctx.job) throw new Error('applyOncePerJob needs the context of a job');
  return applyOnce(ctx.db, consumer, ctx.job.id, effect, options);
}

export type JobHandlers = Record<string, (job: Job) => Promise<void>>;

/**
 * A BullMQ worker that dispatches by job name; an unknown name fails the job loudly. `lockMs`
 * (BullMQ's lockDuration and stalledInterval, 30 s by default): a job whose worker died is found
 * stalled and delivered again within about twice this.
 */
export function startConsumer(
  queue: string,
  handlers: JobHandlers,
  connection: Redis,
  log: Logger,
  options: { concurrency?: number; prefix?: string; lockMs?: number } = {},
): Worker {
  const worker = new Worker(
    queue,
    async (job) => {
      const handler = handlers[job.name];
      if (!handler) throw new Error(`No handler for job "${job.name}" on queue "${queue}"`);
      observeJobWait(queue, job);
      const end = jobDuration.startTimer({ queue, job: job.name });
      try {
        await runTraced(queue, job, () => handler(job));
        end({ outcome: 'ok' });
      } catch (error) {
        end({ outcome: 'error' });
        throw error;
      }
    },
    {
      connection,
      concurrency: options.concurrency ?? 8,
      prefix: options.prefix,
      ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
    },
  );
  stopRetryingOnceClosing(worker);
  worker.on('failed', (job, error) => log.warn({ err: error, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade }, 'job failed'));
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  const unwatch = watchQueueDepth(queue, connection, options.prefix);
  worker.on('closed', () => void unwatch().catch(() => undefined));
  return worker;
}

type RetryIfFailed = (fn: () => Promise<unknown>, opts: Record<string, unknown>) => Promise<unknown>;

/**
 * BullMQ retries a command that failed on the connection for ever, without its delay once the
 * worker is closing (Worker.retryIfFailed, e.g. scheduling a repeating job's next run): a worker
 * closed while Redis is gone would spin on the CPU. Once closing, such a failure is final (BullMQ
 * reports it as the worker's 'error'); the job scheduler is upserted again at the next start.
 */
function stopRetryingOnceClosing(worker: Worker): void {
  const internal = worker as unknown as { retryIfFailed: RetryIfFailed; closing?: Promise<void>; closed?: boolean };
  const retry = internal.retryIfFailed.bind(worker);
  internal.retryIfFailed = (fn, opts) =>
    retry(async () => {
      try {
        return await fn();
      } catch (error) {
        if (!internal.closing && !internal.closed) throw error;
        // a message BullMQ does not take for a connection error (it would retry it)
        throw new Error('the worker is closing: not retried', { cause: error });
      }
    }, opts);
}
