import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startPostgresCluster } from '../infra/postgres-cluster';
import { startRedis } from '../infra/redis-server';
import { TEST_INFRA } from './test-infra';
import { testInternalSecret } from './test-secrets';

/**
 * Starts the test PostgreSQL primary + replica and Redis with the dev stack's own code (or
 * joins them when another test run already started them). Each run registers itself, so the
 * last run to finish stops the servers and each run drops only its own databases.
 */
export default async function globalSetup(): Promise<void> {
  const say = (m: string) => process.env.TEST_VERBOSE && console.log(`[test infra] ${m}`);
  const cluster = await startPostgresCluster({ dataDir: TEST_INFRA.dataDir, primaryPort: TEST_INFRA.primaryPort, replicaPort: TEST_INFRA.replicaPort, unsafeFast: true, say });
  const redis = process.env.TEST_REDIS_URL ? undefined : await startRedis(TEST_INFRA.dataDir, TEST_INFRA.redisPort, say);
  process.env.TEST_RUN_ID = randomBytes(3).toString('hex');
  // the run's own processes (e.g. the shared e2e stack) stop when this one is gone
  process.env.TEST_RUN_OWNER_PID = String(process.pid);
  testInternalSecret();
  const runs = join(TEST_INFRA.dataDir, 'runs');
  mkdirSync(runs, { recursive: true });
  writeFileSync(join(runs, String(process.pid)), process.env.TEST_RUN_ID);
  (globalThis as Record<string, unknown>).__testInfra = { cluster, redis };
}
