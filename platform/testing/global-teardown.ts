import { Client } from 'pg';
import type { PostgresCluster } from '../infra/postgres-cluster';
import type { LocalRedis } from '../infra/redis-server';
import { testPrimaryUrl } from './test-infra';

/** Drops the databases the tests created and stops what global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__testInfra as { cluster: PostgresCluster; redis?: LocalRedis } | undefined;
  const client = new Client({ connectionString: testPrimaryUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'`);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  if (process.env.TEST_KEEP_INFRA) return;
  await infra?.redis?.stop();
  await infra?.cluster.stop();
}
