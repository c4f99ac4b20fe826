import { migrate } from '../db/data-source';
import { createLogger } from '../logger';
import { startWorker } from '../subgraph-runtime';
import type { SubgraphConfig, SubgraphDefinition, SubgraphDeps } from '../subgraph';
import { testInternalSecret } from './test-secrets';
import { envPrefix } from '../../subgraphs/registry';
import { createTestDatabase } from './databases';
import { urlOf } from './graphql-client';
import { testRedisUrl } from './test-infra';

export interface StartedSubgraph<D> {
  name: string;
  url: string;
  deps: D;
  /** Relays the outbox now and waits until it is empty. */
  drainOutbox(): Promise<void>;
  /** Points its server's and its worker's service clients at these subgraphs (by name), once they listen. */
  useServiceUrls(urls: Record<string, string>): void;
  stop(): Promise<void>;
}

/**
 * A subgraph on a fresh test database, listening on a free port, with its worker (outbox relay +
 * consumer, on connections of its own as in the worker process) in this process. `queuePrefix`
 * keeps this run's BullMQ keys apart; `env` adds or overrides settings.
 */
export async function startSubgraphForTest<C extends SubgraphConfig, D extends SubgraphDeps<C>>(
  subgraph: SubgraphDefinition<C, D>,
  queuePrefix: string,
  env: NodeJS.ProcessEnv = {},
): Promise<StartedSubgraph<D>> {
  const db = await createTestDatabase(subgraph.name);
  const prefix = envPrefix(subgraph.name);
  const config = subgraph.readConfig({
    NODE_ENV: 'test',
    [`${prefix}_DATABASE_URL`]: db.primaryUrl,
    [`${prefix}_DATABASE_REPLICA_URLS`]: db.replicaUrls.join(','),
    REDIS_URL: testRedisUrl(),
    INTERNAL_SECRET: testInternalSecret(),
    ...subgraph.testEnv(queuePrefix),
    ...env,
  });
  const log = createLogger(subgraph.name, process.env.TEST_LOG_LEVEL ?? 'warn');
  const deps = await subgraph.openDeps(config, log);
  await migrate(deps.database.dataSource);
  const server = await subgraph.createServer(deps);
  const http = await server.listen(0);
  // idle connections are closed by the client, never by the server: a test process may reuse a
  // pooled connection after a pause of any length (a busy machine, the next file loading), and a
  // server closing it meanwhile makes that request fail with "other side closed"
  http.keepAliveTimeout = 0;
  const worker = await startWorker(subgraph, config, log, { pollMs: 200, prefix: queuePrefix });
  return {
    name: subgraph.name,
    url: urlOf(http),
    deps,
    drainOutbox: async () => {
      await worker.drainOutbox();
    },
    useServiceUrls(urls) {
      deps.services.useUrls(urls);
      worker.useServiceUrls(urls);
    },
    async stop() {
      await worker.stop();
      await server.stop();
      await subgraph.closeDeps(deps);
    },
  };
}
