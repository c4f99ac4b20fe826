import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { PostgresCluster } from '../infra/postgres-cluster';
import type { LocalRedis } from '../infra/redis-server';
import { TEST_INFRA, testPrimaryUrl } from './test-infra';
import { stopRunProcesses } from './run-processes';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops this run's processes and drops its databases; the last run still using the servers stops them. */
export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__testInfra as { cluster: PostgresCluster; redis?: LocalRedis } | undefined;
  await stopRunProcesses();
  const client = new Client({ connectionString: testPrimaryUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`t\\_${process.env.TEST_RUN_ID}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const runs = join(TEST_INFRA.dataDir, 'runs');
  rmSync(join(runs, String(process.pid)), { force: true });
  const others = existsSync(runs) ? readdirSync(runs).map(Number).filter((pid) => pid !== process.pid && alive(pid)) : [];
  if (others.length || process.env.TEST_KEEP_INFRA) return;
  await infra?.redis?.stop(true);
  await infra?.cluster.stop(true);
}
