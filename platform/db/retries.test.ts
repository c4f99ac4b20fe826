import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'prom-client';
import { startPostgresCluster, type PostgresCluster } from '../infra/postgres-cluster';
import { waitFor } from '../infra/processes';
import { createLogger } from '../logger';
import { createDatabase, type Database } from './data-source';
import { RequestDb } from './request-db';
import { AmbiguousCommitError } from './retry';
import { TEST_INFRA } from '../testing/test-infra';

/**
 * Retryable errors on a cluster of this file's own (its primary is restarted): reads and write
 * transactions are tried again with backoff, and the pools recover without a new DataSource.
 */
const log = createLogger('retries-test', 'silent');
const primaryPort = TEST_INFRA.extraPort + 5;
const name = `retries_${Date.now().toString(36)}`;

async function retries(kind: string, code?: string): Promise<number> {
  const values = (await register.getSingleMetric('db_retries_total')?.get())?.values ?? [];
  return values.filter((v) => v.labels.database === name && v.labels.kind === kind && (!code || v.labels.code === code)).reduce((n, v) => n + v.value, 0);
}

let dir: string;
let cluster: PostgresCluster;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'retries-'));
  chmodSync(dir, 0o755); // the servers may run as another account
  // replica 1 is a synchronous standby here, so that a COMMIT can be caught waiting
  cluster = await startPostgresCluster({ dataDir: dir, primaryPort, replicaPort: primaryPort + 1, replicas: 1, synchronousStandbyNames: 'replica1', unsafeFast: true });
  await cluster.createDatabases(['shop']);
  database = createDatabase({
    name,
    db: {
      primaryUrl: cluster.primaryUrl('shop'),
      replicaUrls: cluster.replicaUrls('shop'),
      poolSize: 4,
      connectTimeoutMs: 2_000,
      retry: { attempts: 10, baseDelayMs: 50, maxDelayMs: 1_000 },
      // long enough for the ambiguous-commit test to end a connection while its COMMIT waits
      visibleWaitMs: 20_000,
    },
    entities: [],
    migrations: [],
    log,
  });
  await database.dataSource.initialize();
  await database.dataSource.query('CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)');
  await database.dataSource.query('INSERT INTO counters VALUES (1, 0), (2, 0)');
  await cluster.waitForReplicas();
}, 120_000);
afterAll(async () => {
  await database?.dataSource.destroy().catch(() => undefined);
  await cluster?.stop(true);
  rmSync(dir, { recursive: true, force: true });
});

const counter = (id: number) => new RequestDb(database).readPrimary(async (m) => (await m.query('SELECT n FROM counters WHERE id = $1', [id]))[0].n as number);

test('a primary restart: a read issued during it answers after retries, and the pools recover without a restart of the process', async () => {
  // warm connections that the restart will end
  await Promise.all([1, 2, 3].map(() => new RequestDb(database).readPrimary((m) => m.query('SELECT pg_sleep(0.05)'))));
  const before = await retries('read');
  const restart = cluster.restartPrimary();
  const reads = Array.from({ length: 5 }, (_, i) =>
    new Promise((resolve) => setTimeout(resolve, i * 100)).then(() => new RequestDb(database).readPrimary((m) => m.query('SELECT 1 AS one'))),
  );
  await restart;
  for (const rows of await Promise.all(reads)) expect(rows).toEqual([{ one: 1 }]);
  expect(await retries('read')).toBeGreaterThan(before);
  // the same DataSource writes and reads on
  await new RequestDb(database).write((m) => m.query('UPDATE counters SET n = n + 1 WHERE id = 1'));
  expect(await counter(1)).toBe(1);
  expect((await new RequestDb(database).read((m) => m.query('SELECT 2 AS two')))[0].two).toBe(2);
});

test('a write whose connection the restart ended before COMMIT is run again, once', async () => {
  const before = await counter(2);
  let runs = 0;
  await new RequestDb(database).write(async (m) => {
    runs++;
    await m.query('UPDATE counters SET n = n + 1 WHERE id = 2');
    // the first run's connection ends here, before its COMMIT is sent
    if (runs === 1) await cluster.restartPrimary();
  });
  expect(runs).toBe(2);
  expect(await counter(2)).toBe(before + 1);
});

test('a deadlock victim is rolled back and run again; both transactions commit once', async () => {
  const before = [await counter(1), await counter(2)];
  const firstLocks: Record<string, () => void> = {};
  const locked = (who: string) => new Promise<void>((resolve) => (firstLocks[who] = resolve));
  const aLocked = locked('a');
  const bLocked = locked('b');
  const runs = { a: 0, b: 0 };
  const deadlocks = await retries('write', '40P01');
  const crossing = (who: 'a' | 'b', first: number, second: number, other: Promise<void>) =>
    new RequestDb(database).write(async (m) => {
      runs[who]++;
      await m.query('UPDATE counters SET n = n + 1 WHERE id = $1', [first]);
      if (runs[who] === 1) {
        firstLocks[who]();
        await other;
      }
      await m.query('UPDATE counters SET n = n + 1 WHERE id = $1', [second]);
    });
  await Promise.all([crossing('a', 1, 2, bLocked), crossing('b', 2, 1, aLocked)]);
  expect(runs.a + runs.b).toBe(3);
  expect([await counter(1), await counter(2)]).toEqual([before[0] + 2, before[1] + 2]);
  expect(await retries('write', '40P01')).toBe(deadlocks + 1);
});

test('a serialization failure is rolled back and run again', async () => {
  const before = await counter(1);
  let runs = 0;
  await new RequestDb(database).write(async (m) => {
    runs++;
    await m.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await m.query('SELECT n FROM counters WHERE id = 1');
    // another transaction changes the row after this one's snapshot
    if (runs === 1) await new RequestDb(database).write((other) => other.query('UPDATE counters SET n = n + 10 WHERE id = 1'));
    await m.query('UPDATE counters SET n = n + 1 WHERE id = 1');
  });
  expect(runs).toBe(2);
  expect(await counter(1)).toBe(before + 11);
});

test('a write that must not run twice is not retried', async () => {
  let runs = 0;
  await expect(
    new RequestDb(database).write(
      async (m) => {
        runs++;
        await m.query('UPDATE counters SET n = n + 1 WHERE id = 2');
        await cluster.restartPrimary();
      },
      { retry: false },
    ),
  ).rejects.toThrow();
  expect(runs).toBe(1);
});

test('a connection lost during COMMIT is ambiguous: thrown as AmbiguousCommitError, never run again (here it had committed)', async () => {
  const before = await counter(2);
  const ambiguous = await retries('ambiguous');
  let runs = 0;
  await cluster.pauseReplica(1);
  try {
    const outcome = new RequestDb(database)
      .write(async (m) => {
        runs++;
        await m.query('UPDATE counters SET n = n + 1 WHERE id = 2');
      }, { visibleToAll: true })
      .then(() => 'committed', (error: unknown) => error);
    // the commit is on the primary and waits for the paused standby: end its connection
    await waitFor('the COMMIT to wait for the standby', async () =>
      (await database.dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'SyncRep'`)).length > 0,
    );
    expect(await outcome).toBeInstanceOf(AmbiguousCommitError);
  } finally {
    await cluster.resumeReplica(1);
  }
  expect(runs).toBe(1);
  expect(await retries('ambiguous')).toBe(ambiguous + 1);
  expect(await counter(2)).toBe(before + 1);
});
