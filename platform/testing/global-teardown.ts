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

/** Drops the databases of this run, a few at a time. */
async function dropRunDatabases(connections = 4): Promise<void> {
  const clients = Array.from({ length: connections }, () => new Client({ connectionString: testPrimaryUrl('postgres') }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    const { rows } = await clients[0].query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`t\\_${process.env.TEST_RUN_ID}\\_%`]);
    const names = rows.map((r) => r.datname);
    await Promise.all(clients.map(async (c) => {
      for (let name = names.pop(); name; name = names.pop()) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }));
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/** Stops this run's processes and drops its databases; the last run still using the servers stops them. */
export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as Record<string, unknown>).__testInfra as { cluster: PostgresCluster; redis?: LocalRedis } | undefined;
  await stopRunProcesses();
  await dropRunDatabases();
  const runs = join(TEST_INFRA.dataDir, 'runs');
  rmSync(join(runs, String(process.pid)), { force: true });
  const others = existsSync(runs) ? readdirSync(runs).map(Number).filter((pid) => pid !== process.pid && alive(pid)) : [];
  if (others.length || process.env.TEST_KEEP_INFRA) return;
  await infra?.redis?.stop(true);
  await infra?.cluster.stop(true);
}
