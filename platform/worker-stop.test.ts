import { join } from 'node:path';
import { migrate } from './db/data-source';
import { waitFor } from './infra/processes';
import { startRedis, type LocalRedis } from './infra/redis-server';
import { connect } from 'node:net';
import { createLogger } from './logger';
import { startWorker } from './subgraph-runtime';
import { createTestDatabase } from './testing/databases';
import { TEST_INFRA } from './testing/test-infra';
import { testInternalSecret } from './testing/test-secrets';
import cart from '../subgraphs/cart/src/subgraph';

// a Redis of this file's own, so it can be stopped
const REDIS_PORT = TEST_INFRA.redisPort + 1;

let redis: LocalRedis | undefined;
afterAll(async () => {
  await redis?.stop(true);
});

async function cartConfig() {
  const db = await createTestDatabase('cart');
  const config = cart.readConfig({
    NODE_ENV: 'test',
    CART_DATABASE_URL: db.primaryUrl,
    REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
    INTERNAL_SECRET: testInternalSecret(),
    CART_ABANDON_SWEEP_MS: '100',
  });
  const deps = await cart.openDeps(config, createLogger('cart', 'silent'));
  await migrate(deps.database.dataSource);
  await cart.closeDeps(deps);
  return config;
}

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

// jest fails a test on an unhandled error (before: "Connection is closed" from a BullMQ connection closed while still connecting)
test('a worker with repeating jobs stops without an unhandled error, with Redis up and with Redis gone (it does not wait for it)', async () => {
  redis = await startRedis(join(TEST_INFRA.dataDir, `worker-stop-${process.pid}`), REDIS_PORT);
  const config = await cartConfig();
  const log = createLogger('cart', process.env.TEST_LOG_LEVEL ?? 'silent');

  const first = await startWorker(cart, config, log, { pollMs: 50, prefix: `stop-${process.pid}-a` });
  await first.ready();
  await first.stop();

  const second = await startWorker(cart, config, log, { pollMs: 50, prefix: `stop-${process.pid}-b` });
  await second.ready();
  await redis.stop(true);
  redis = undefined;
  // the worker has seen it go: a connection to it is refused
  await waitFor('Redis to refuse connections', () => refused(REDIS_PORT));
  // before: the consumer's graceful close waited for Redis forever
  await second.stop();
});
