import { Queue, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { Gauge, Histogram } from 'prom-client';

/** Time a job waited between becoming due (enqueued, or its delay elapsed) and a worker taking it. */
export const jobWait = new Histogram({
  name: 'queue_job_wait_seconds',
  help: 'Time from a job being due to a worker starting it, by queue and job',
  labelNames: ['queue', 'job'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
});

/** Watched queues by `<prefix>:<name>` (tests run several prefixes side by side). */
const watched = new Map<string, { name: string; queue: Queue }>();

/** Jobs per queue and state, read from Redis when /metrics is scraped. */
new Gauge({
  name: 'queue_jobs',
  help: 'Jobs in each queue by state (waiting, active, delayed, failed)',
  labelNames: ['queue', 'state'] as const,
  async collect() {
    this.reset();
    for (const { name, queue } of watched.values()) {
      try {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      } catch {
        // Redis away: the gauge is left out of this scrape
      }
    }
  },
});

export function observeJobWait(queue: string, job: Job): void {
  const due = job.timestamp + (job.opts.delay ?? 0);
  jobWait.observe({ queue, job: job.name }, Math.max(0, Date.now() - due) / 1000);
}

/** Reports the depth of `queue` on /metrics until the returned function is called. */
export function watchQueueDepth(queue: string, connection: Redis, prefix?: string): () => Promise<void> {
  const key = `${prefix ?? 'bull'}:${queue}`;
  const handle = new Queue(queue, { connection, prefix });
  watched.set(key, { name: queue, queue: handle });
  return async () => {
    if (watched.get(key)?.queue === handle) watched.delete(key);
    // closed while still connecting, its connection's later failure would reach no listener
    if (connection.status !== 'end') {
      await Promise.race([handle.waitUntilReady(), new Promise((resolve) => connection.once('end', resolve))]).catch(() => undefined);
    }
    await handle.close();
  };
}
