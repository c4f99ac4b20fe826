import 'reflect-metadata';
import { Queue } from 'bullmq';
import { migrate } from './db/data-source';
import { createOpsApp } from './http/ops-routes';
import type { Logger } from './logger';
import { runProcess } from './process';
import { startConsumer } from './queue/consumer';
import { OutboxRelay } from './queue/outbox-relay';
import { createRedis } from './redis';
import type { SubgraphConfig, SubgraphDefinition, SubgraphDeps } from './subgraph';

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
  options: { pollMs?: number; prefix?: string } = {},
): Promise<RunningWorker> {
  const deps = await subgraph.openDeps(config, log);
  const queueRedis = createRedis(config.redisUrl, `${subgraph.name}-worker`, true);
  const relay = new OutboxRelay(subgraph.name, config.database.primaryUrl, queueRedis, log, options.pollMs, options.prefix);
  await relay.start();
  const consumer = startConsumer(subgraph.name, subgraph.jobHandlers(deps), queueRedis, log, { prefix: options.prefix });
  const repeating = subgraph.repeatingJobs(deps);
  const scheduler = repeating.length ? new Queue(subgraph.name, { connection: queueRedis, prefix: options.prefix }) : undefined;
  // one scheduler per job name: every worker process upserts the same one, BullMQ runs it once per period
  for (const job of repeating) await scheduler?.upsertJobScheduler(job.name, { every: job.everyMs }, { name: job.name });
  return {
    drainOutbox: () => relay.drain(),
    useServiceUrls: (urls) => deps.services.useUrls(urls),
    ready: async () => {
      await deps.database.dataSource.query('SELECT 1');
      await queueRedis.ping();
    },
    async stop() {
      await consumer.close();
      await scheduler?.close();
      await relay.stop();
      queueRedis.disconnect();
      await subgraph.closeDeps(deps);
    },
  };
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
    const worker = await startWorker(subgraph, config, log, { prefix: config.queuePrefix });
    const ops = createOpsApp(worker.ready).listen(config.workerPort, host());
    log.info({ port: config.workerPort }, `${subgraph.name} worker ready`);
    return async () => {
      ops.close();
      await worker.stop();
    };
  });
}
