import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { createOpsApp } from '../../../platform/http/ops-routes';
import { runProcess } from '../../../platform/process';
import { startConsumer } from '../../../platform/queue/consumer';
import { OutboxRelay } from '../../../platform/queue/outbox-relay';
import { createRedis } from '../../../platform/redis';
import { readUsersConfig } from './config';
import { closeUsersDeps, openUsersDeps } from './deps';
import { usersJobHandlers } from './jobs';

runProcess('users-worker', async (log) => {
  const config = readUsersConfig();
  const deps = await openUsersDeps(config, log);
  await migrate(deps.database.dataSource);
  const queueRedis = createRedis(config.redisUrl, 'users-worker', true);
  const relay = new OutboxRelay('users', config.database.primaryUrl, queueRedis, log);
  await relay.start();
  const consumer = startConsumer('users', usersJobHandlers(deps), queueRedis, log);
  const ops = createOpsApp(async () => {
    await deps.database.dataSource.query('SELECT 1');
    await queueRedis.ping();
  }).listen(config.workerPort, process.env.HOST ?? '127.0.0.1');
  log.info({ port: config.workerPort }, 'users worker ready');
  return async () => {
    ops.close();
    await consumer.close();
    await relay.stop();
    queueRedis.disconnect();
    await closeUsersDeps(deps);
  };
});
