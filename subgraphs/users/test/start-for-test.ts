import { migrate } from '../../../platform/db/data-source';
import { createLogger } from '../../../platform/logger';
import { startConsumer } from '../../../platform/queue/consumer';
import { OutboxRelay } from '../../../platform/queue/outbox-relay';
import { createRedis } from '../../../platform/redis';
import { createTestDatabase } from '../../../platform/testing/databases';
import { urlOf } from '../../../platform/testing/graphql-client';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import { readUsersConfig } from '../src/config';
import { closeUsersDeps, openUsersDeps, type UsersDeps } from '../src/deps';
import { usersJobHandlers } from '../src/jobs';
import { createServer } from '../src/server';

export interface StartedSubgraph<D> {
  name: string;
  url: string;
  deps: D;
  /** Relays the outbox now and waits until it is empty. */
  drainOutbox(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The users subgraph on a fresh test database, with its worker (outbox relay + consumer) in the
 * same process, listening on a free port. `queuePrefix` keeps this run's BullMQ keys apart.
 */
export async function startUsersForTest(queuePrefix: string, env: NodeJS.ProcessEnv = {}): Promise<StartedSubgraph<UsersDeps>> {
  const db = await createTestDatabase('users');
  const config = readUsersConfig({
    NODE_ENV: 'test',
    USERS_DATABASE_URL: db.primaryUrl,
    USERS_DATABASE_REPLICA_URLS: db.replicaUrls.join(','),
    REDIS_URL: testRedisUrl(),
    ...env,
  });
  const log = createLogger('users', process.env.TEST_LOG_LEVEL ?? 'warn');
  const deps = await openUsersDeps(config, log);
  await migrate(deps.database.dataSource);
  const server = await createServer(deps);
  const http = await server.listen(0);
  const queueRedis = createRedis(config.redisUrl, 'users-test-worker', true);
  const relay = new OutboxRelay('users', config.database.primaryUrl, queueRedis, log, 200, queuePrefix);
  await relay.start();
  // the worker has its own connections and statement counts, as the separate worker process does
  const workerDeps = await openUsersDeps(config, log);
  const consumer = startConsumer('users', usersJobHandlers(workerDeps), queueRedis, log, { prefix: queuePrefix });
  return {
    name: 'users',
    url: urlOf(http),
    deps,
    drainOutbox: async () => {
      await relay.drain();
    },
    async stop() {
      await consumer.close();
      await relay.stop();
      queueRedis.disconnect();
      await server.stop();
      await closeUsersDeps(workerDeps);
      await closeUsersDeps(deps);
    },
  };
}
