import 'reflect-metadata';
import { Queue } from 'bullmq';
import { migrate } from './db/data-source';
import { createOpsApp } from './http/ops-routes';
import type { Logger } from './logger';
import { runProcess } from './process';
import { startConsumer } from './queue/consumer';
import { OutboxRelay } from './queue/outbox-relay';
import { createRedis } from './redis';
import type { RepeatingJob, SubgraphConfig, SubgraphDefinition, SubgraphDeps } from './subgraph';
import type Redis from 'ioredis';

const host = () => process.env.HOST ?? '127.0.0.1';

/** A subgraph's main process: migrations, then GraphQL and the operational routes. */
export function runSubgraph<C extends SubgraphConfig, D extends SubgraphDeps<C>>(subgraph: SubgraphDefinition<C, D>): void {
  runProcess(subgraph.name, async (log) => {
    const config = subgraph.readConfig();
    const deps = await subgraph.openDeps(config, log);
    await migrate(deps.database.dataSource);
    const server = await subgraph.createServer(deps);
    await server.listen(config.port, host());
    log.info({ url: `http://${host()}:${config.port}/graphql` }, `${subgraph.name} subgraph ready`);
    return async () => {
      await server.stop();
      await subgraph.closeDeps(deps);
    };
  });
}

export interface RunningWorker {
  /** Relays the outbox now, until it is empty. */
  drainOutbox(): Promise<number>;
  /** Points the worker's service client at these subgraph URLs. */
  useServiceUrls(urls: Record<string, string>): void;
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/** The outbox relay and the consumer of the subgraph's queue, on their own connections. */
export async function startWorker<C extends SubgraphConfig, D extends SubgraphDeps<C>>(
  subgraph: SubgraphDefinition<C, D>,
  config: C,
  log: Logger,
  options: { pollMs?: number; prefix?: string; lockMs?: number } = {},
): Promise<RunningWorker> {
  const deps = await subgraph.openDeps(config, log);
  const queueRedis = createRedis(config.redisUrl, `${subgraph.name}-worker`, true);
  const relay = new OutboxRelay(subgraph.name, config.database.primaryUrl, queueRedis, log, options.pollMs, options.prefix);
  await relay.start();
  const consumer = startConsumer(subgraph.name, subgraph.jobHandlers(deps), queueRedis, log, { prefix: options.prefix, lockMs: options.lockMs });
  const scheduler = scheduleRepeatingJobs(subgraph.name, subgraph.repeatingJobs(deps), queueRedis, log, options.prefix);
  return {
    drainOutbox: () => relay.drain(),
    useServiceUrls: (urls) => deps.services.useUrls(urls),
    ready: async () => {
      await deps.database.dataSource.query('SELECT 1');
      await queueRedis.ping();
      await consumer.waitUntilReady();
    },
    async stop() {
      const halted = relay.halt();
      scheduler.halt();
      // with Redis there, finish the jobs in hand and the relay's pass; without it nothing could be
      // acknowledged, so do not wait for it (unfinished jobs are delivered again)
      const connected = queueRedis.status === 'ready';
      if (connected) await Promise.race([Promise.all([consumer.close(), halted]), connectionLost(queueRedis)]);
      // commands still waiting for Redis fail now, while BullMQ's handlers still listen for their errors
      await endConnection(queueRedis);
      // a graceful close Redis left midway cannot finish: wait for it a moment only
      await (connected ? Promise.race([consumer.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]) : consumer.close(true));
      await scheduler.close();
      await relay.stop();
      await subgraph.closeDeps(deps);
    },
  };
}

/**
 * Upserts a BullMQ job scheduler per repeating job (every worker process upserts the same one,
 * BullMQ runs it once per period) in the background, and again whenever the connection comes
 * back or a scheduler is found missing (every 30 s at most): a worker starts while Redis is down,
 * and a Redis that restarted without its data, or was flushed, gets the schedulers back.
 */
function scheduleRepeatingJobs(queue: string, jobs: RepeatingJob[], connection: Redis, log: Logger, prefix?: string): { halt(): void; close(): Promise<void> } {
  if (!jobs.length) return { halt: () => undefined, close: async () => undefined };
  const scheduler = new Queue(queue, { connection, prefix });
  // connection errors are the connection's to report (and repeat at every reconnect attempt)
  scheduler.on('error', (error) => log.debug({ err: error }, 'job scheduler connection error'));
  let closed = false;
  const upsert = () => {
    if (closed) return;
    void Promise.all(jobs.map((job) => scheduler.upsertJobScheduler(job.name, { every: job.everyMs }, { name: job.name }))).catch((error) => {
      if (!closed) log.warn({ err: error }, 'repeating jobs not scheduled; trying again when Redis is back');
    });
  };
  connection.on('ready', upsert);
  if (connection.status === 'ready') upsert();
  // a Redis flushed while connected loses them too: look now and then, upsert what is missing
  let looking = false;
  const look = async () => {
    if (closed || looking || connection.status !== 'ready') return;
    looking = true;
    try {
      const missing = await Promise.all(jobs.map(async (job) => !(await scheduler.getJobScheduler(job.name))));
      if (missing.some(Boolean)) upsert();
    } catch {
      // Redis away: the next look, or the reconnection, upserts them
    } finally {
      looking = false;
    }
  };
  const timer = setInterval(() => void look(), Math.min(30_000, ...jobs.map((j) => j.everyMs)));
  timer.unref();
  const halt = () => {
    closed = true;
    clearInterval(timer);
    connection.off('ready', upsert);
  };
  return {
    halt,
    async close() {
      halt();
      await scheduler.close();
    },
  };
}

/**
 * Disconnects `redis` and waits until it has ended: every command still waiting for Redis has
 * failed by then and its error has reached whoever listens. BullMQ objects stop listening once
 * closed, so closing one before this would leave such an error unhandled ("Connection is closed").
 */
async function endConnection(redis: Redis): Promise<void> {
  if (redis.status !== 'end') {
    // between attempts there is no socket whose closing would end the connection: wait for the next attempt
    if (redis.status === 'reconnecting') await new Promise((resolve) => redis.once('connecting', resolve));
    const ended = new Promise((resolve) => redis.once('end', resolve));
    redis.disconnect();
    await ended;
  }
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Resolves when `redis` is not (or no longer) connected. */
function connectionLost(redis: Redis): Promise<void> {
  return new Promise<void>((resolve) => {
    if (redis.status !== 'ready') return resolve();
    redis.once('close', () => resolve());
  });
}

/** A subgraph's demo data (`npm start`, the compose seed): migrations, then its seed. */
export async function seedSubgraph<C extends SubgraphConfig, D extends SubgraphDeps<C>>(subgraph: SubgraphDefinition<C, D>, log: Logger): Promise<void> {
  const deps = await subgraph.openDeps(subgraph.readConfig(), log.child({ subgraph: subgraph.name }));
  try {
    await migrate(deps.database.dataSource);
    await subgraph.seed(deps);
  } finally {
    await subgraph.closeDeps(deps);
  }
}

/** A subgraph's worker process: BullMQ consumers and the outbox relay, plus the operational routes. */
export function runSubgraphWorker<C extends SubgraphConfig, D extends SubgraphDeps<C>>(subgraph: SubgraphDefinition<C, D>): void {
  runProcess(`${subgraph.name}-worker`, async (log) => {
    const config = subgraph.readConfig();
    const migrations = await subgraph.openDeps(config, log);
    await migrate(migrations.database.dataSource);
    await subgraph.closeDeps(migrations);
    const worker = await startWorker(subgraph, config, log, { prefix: config.queuePrefix, lockMs: config.queueLockMs });
    const ops = createOpsApp(worker.ready).listen(config.workerPort, host());
    log.info({ port: config.workerPort }, `${subgraph.name} worker ready`);
    return async () => {
      ops.close();
      await worker.stop();
    };
  });
}
