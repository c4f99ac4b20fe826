import { join } from 'node:path';

/** Where the test cluster lives: its own folder and ports, so tests run beside a dev stack. */
export const TEST_INFRA = {
  dataDir: join(__dirname, '..', '..', '.data', 'test'),
  primaryPort: Number(process.env.TEST_PG_PRIMARY_PORT ?? 25432),
  replicaPort: Number(process.env.TEST_PG_REPLICA_PORT ?? 25433),
  redisPort: Number(process.env.TEST_REDIS_PORT ?? 26379),
  /**
   * The first of 8 ports for clusters a test starts for itself, to pause, stop or restart them:
   * replica-faults.test.ts +0…+4, retries.test.ts +5, +6, e2e/checkout-restart.test.ts +7.
   */
  extraPort: Number(process.env.TEST_PG_EXTRA_PORT ?? 25552),
};

export const testPrimaryUrl = (database: string) => `postgres://postgres@127.0.0.1:${TEST_INFRA.primaryPort}/${database}`;
export const testReplicaUrl = (database: string) => `postgres://postgres@127.0.0.1:${TEST_INFRA.replicaPort}/${database}`;
export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? `redis://127.0.0.1:${TEST_INFRA.redisPort}`;
