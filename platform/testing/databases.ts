import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { waitFor } from '../infra/processes';
import { testPrimaryUrl, testReplicaUrl } from './test-infra';
import type { DatabaseConfig } from '../db/data-source';

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Waits until the test replica has replayed everything the primary has committed so far: a read
 * by another caller (who sends no consistency position, so may read the replica) then sees it.
 */
export async function replicaCaughtUp(what = 'the replica to replay the primary'): Promise<void> {
  const lsn = await withClient(testPrimaryUrl('postgres'), async (c) => (await c.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string);
  await waitFor(what, () =>
    withClient(testReplicaUrl('postgres'), async (c) => (await c.query('SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, true) AS ok', [lsn])).rows[0].ok),
  );
}

/** A fresh database on the test primary, visible on the replica, for one test file; `prefix` may be a subgraph's name (kebab-case). */
export async function createTestDatabase(prefix: string): Promise<DatabaseConfig & { name: string }> {
  const name = `t_${process.env.TEST_RUN_ID ?? "adhoc"}_${prefix.replace(/[^A-Za-z0-9_]/g, '_')}_${randomBytes(4).toString("hex")}`;
  await withClient(testPrimaryUrl('postgres'), (c) => c.query(`CREATE DATABASE ${name}`));
  await replicaCaughtUp('the replica to see the new database');
  return { name, primaryUrl: testPrimaryUrl(name), replicaUrls: [testReplicaUrl(name)], poolSize: 5 };
}
