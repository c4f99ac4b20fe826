import { migrate } from '../../../platform/db/data-source';
import { createLogger } from '../../../platform/logger';
import { startConsumer } from '../../../platform/queue/consumer';
import { OutboxRelay } from '../../../platform/queue/outbox-relay';
import { createRedis } from '../../../platform/redis';
import { createTestDatabase } from '../../../platform/testing/databases';
import { urlOf } from '../../../platform/testing/graphql-client';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import type { StartedSubgraph } from '../../users/test/start-for-test';
import { readCatalogConfig } from '../src/config';
import { closeCatalogDeps, openCatalogDeps, type CatalogDeps } from '../src/deps';
import { catalogJobHandlers } from '../src/jobs';
import { createServer } from '../src/server';

export type { StartedSubgraph };

/**
 * The catalog subgraph on a fresh test database, with its worker (outbox relay + consumer) in the
 * same process, listening on a free port. `queuePrefix` keeps this run's BullMQ keys apart.
 */
export async function startCatalogForTest(queuePrefix: string, env: NodeJS.ProcessEnv = {}): Promise<StartedSubgraph<CatalogDeps>> {
  const db = await createTestDatabase('catalog');
  const config = readCatalogConfig({
    NODE_ENV: 'test',
    CATALOG_DATABASE_URL: db.primaryUrl,
    CATALOG_DATABASE_REPLICA_URLS: db.replicaUrls.join(','),
    REDIS_URL: testRedisUrl(),
    CATALOG_CACHE_NAMESPACE: db.name,
    ...env,
  });
  const log = createLogger('catalog', process.env.TEST_LOG_LEVEL ?? 'warn');
  const deps = await openCatalogDeps(config, log);
  await migrate(deps.database.dataSource);
  const server = await createServer(deps);
  const http = await server.listen(0);
  const queueRedis = createRedis(config.redisUrl, 'catalog-test-worker', true);
  const relay = new OutboxRelay('catalog', config.database.primaryUrl, queueRedis, log, 200, queuePrefix);
  await relay.start();
  const consumer = startConsumer('catalog', catalogJobHandlers(deps), queueRedis, log, { prefix: queuePrefix });
  return {
    name: 'catalog',
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
      await closeCatalogDeps(deps);
    },
  };
}
