import { startPostgresCluster } from '../infra/postgres-cluster';
import { startRedis } from '../infra/redis-server';
import { TEST_INFRA } from './test-infra';

/** Starts the test PostgreSQL primary + replica and Redis with the dev stack's own code. */
export default async function globalSetup(): Promise<void> {
  const say = (m: string) => process.env.TEST_VERBOSE && console.log(`[test infra] ${m}`);
  const cluster = await startPostgresCluster({ dataDir: TEST_INFRA.dataDir, primaryPort: TEST_INFRA.primaryPort, replicaPort: TEST_INFRA.replicaPort, unsafeFast: true, say });
  const redis = process.env.TEST_REDIS_URL ? undefined : await startRedis(TEST_INFRA.dataDir, TEST_INFRA.redisPort, say);
  (globalThis as Record<string, unknown>).__testInfra = { cluster, redis };
}
