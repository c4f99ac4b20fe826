import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { createOpsApp } from '../../../platform/http/ops-routes';
import { runProcess } from '../../../platform/process';
import { startConsumer } from '../../../platform/queue/consumer';
import { OutboxRelay } from '../../../platform/queue/outbox-relay';
import { createRedis } from '../../../platform/redis';
import { readCatalogConfig } from './config';
import { closeCatalogDeps, openCatalogDeps } from './deps';
import { catalogJobHandlers } from './jobs';

runProcess('catalog-worker', async (log) => {
  const config = readCatalogConfig();
  const deps = await openCatalogDeps(config, log);
  await migrate(deps.database.dataSource);
  const queueRedis = createRedis(config.redisUrl, 'catalog-worker', true);
  const relay = new OutboxRelay('catalog', config.database.primaryUrl, queueRedis, log);
  await relay.start();
  const consumer = startConsumer('catalog', catalogJobHandlers(deps), queueRedis, log);
  const ops = createOpsApp(async () => {
    await deps.database.dataSource.query('SELECT 1');
    await queueRedis.ping();
  }).listen(config.workerPort, process.env.HOST ?? '127.0.0.1');
  log.info({ port: config.workerPort }, 'catalog worker ready');
  return async () => {
    ops.close();
    await consumer.close();
    await relay.stop();
    queueRedis.disconnect();
    await closeCatalogDeps(deps);
  };
});
