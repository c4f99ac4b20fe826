import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from 'prom-client';
import { startPostgresCluster, type PostgresCluster } from '../infra/postgres-cluster';
import { waitFor } from '../infra/processes';
import { createLogger } from '../logger';
import { createDatabase, type Database } from './data-source';
import { RequestDb } from './request-db';
import { TEST_INFRA } from '../testing/test-infra';

/**
 * Replicas paused, lagging and stopped, on clusters of this file's own (never the shared test
 * cluster): with two replicas (a quorum, `ANY 1`) and with one (no synchronous standby), price
 * writes that must be visible to all never wait on a missing replica, and every read answers.
 */
const log = createLogger('replica-faults-test', 'silent');
const base = TEST_INFRA.extraPort;

async function metric(name: string, labels: Record<string, string>): Promise<number> {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((n, v) => n + v.value, 0);
}

interface Fixture {
  cluster: PostgresCluster;
  /** Writes the prices. */
  database: Database;
  /** Reads them, as another process would: it knows no position but the ones it is given. */
  reader: Database;
  dir: string;
}

async function fixture(name: string, replicas: number, primaryPort: number): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), `replica-faults-${name}-`));
  chmodSync(dir, 0o755); // the servers may run as another account
  const cluster = await startPostgresCluster({ dataDir: dir, primaryPort, replicaPort: primaryPort + 1, replicas, unsafeFast: true });
  await cluster.createDatabases(['shop']);
  const open = (suffix: string) =>
    createDatabase({
      name: `${name}${suffix}`,
      db: {
        primaryUrl: cluster.primaryUrl('shop'),
        replicaUrls: cluster.replicaUrls('shop'),
        poolSize: 4,
        connectTimeoutMs: 2_000,
        replicaRetryMs: 300,
        replicaMaxLagMs: 400,
        replicaCheckMs: 100,
        visibleWaitMs: 300,
      },
      entities: [],
      migrations: [],
      log,
    });
  const database = open('');
  const reader = open('_reader');
  await reader.dataSource.initialize();
  await database.dataSource.initialize();
  await database.dataSource.query('CREATE TABLE prices (id int PRIMARY KEY, cents int NOT NULL)');
  await database.dataSource.query('INSERT INTO prices VALUES (1, 100)');
  await cluster.waitForReplicas();
  return { cluster, database, reader, dir };
}

async function release(f: Fixture | undefined): Promise<void> {
  if (!f) return;
  await f.database.dataSource.destroy().catch(() => undefined);
  await f.reader.dataSource.destroy().catch(() => undefined);
  await f.cluster.stop(true);
  if (!process.env.TEST_KEEP_INFRA) rmSync(f.dir, { recursive: true, force: true });
}

/** A price change every reader must see; returns its WAL position. */
async function setPrice(database: Database, cents: number): Promise<string> {
  const db = new RequestDb(database);
  await db.write((m) => m.query('UPDATE prices SET cents = $1 WHERE id = 1', [cents]), { visibleToAll: true });
  return db.committedLsn!;
}

/** One read as a request carrying `position` makes it: the price and the port that answered. */
async function readPrice(database: Database, position?: string): Promise<{ cents: number; port: number }> {
  const [row] = await new RequestDb(database, position).read((m) => m.query('SELECT cents, inet_server_port() AS port FROM prices WHERE id = 1'));
  return { cents: row.cents, port: row.port };
}

/** Ports that answered `n` reads without a position. */
async function portsOf(database: Database, n: number): Promise<Set<number>> {
  const ports = new Set<number>();
  for (let i = 0; i < n; i++) ports.add((await readPrice(database)).port);
  return ports;
}

describe('two replicas, a quorum of one', () => {
  let f: Fixture;
  const primary = base;
  beforeAll(async () => {
    f = await fixture(`quorum_${Date.now().toString(36)}`, 2, primary);
  }, 120_000);
  afterAll(() => release(f));

  test('the primary waits for any one of them', () => {
    expect(f.cluster.synchronousStandbyNames).toBe('ANY 1 (replica1, replica2)');
  });

  test('reads spread over both replicas', async () => {
    await waitFor('reads on both replicas', async () => {
      const ports = await portsOf(f.reader, 20);
      return ports.has(primary + 1) && ports.has(primary + 2);
    });
  });

  test('a paused replica blocks no price write, is skipped by readers of the new price, then as lagging, and is used again once it resumes', async () => {
    await f.cluster.pauseReplica(2);
    const lsn = await setPrice(f.database, 101);
    // every reader carrying the position sees the new price, from replica 1 or the primary
    for (let i = 0; i < 20; i++) {
      const read = await readPrice(f.reader, lsn);
      expect(read.cents).toBe(101);
      expect(read.port).not.toBe(primary + 2);
      // in the writing process every read carries the position, given or not
      expect((await readPrice(f.database)).cents).toBe(101);
    }
    // the primary moves on; replica 2 falls behind by more than the allowed lag and reads leave it
    await waitFor('replica 2 to be skipped as lagging', async () => {
      await setPrice(f.database, 102);
      return !(await portsOf(f.reader, 20)).has(primary + 2);
    });
    expect(await metric('db_replica_skips_total', { database: f.reader.name, replica: '2', reason: 'lagging' })).toBeGreaterThan(0);
    await f.cluster.resumeReplica(2);
    await waitFor('replica 2 to be read again', async () => (await portsOf(f.reader, 20)).has(primary + 2));
    expect((await readPrice(f.reader)).cents).toBe(102);
  });

  test('a stopped replica blocks no price write and reads keep answering; it is used again once it is back', async () => {
    await f.cluster.stopReplica(1);
    const lsn = await setPrice(f.database, 103);
    for (let i = 0; i < 10; i++) expect((await readPrice(f.reader, lsn)).cents).toBe(103);
    for (let i = 0; i < 10; i++) expect((await readPrice(f.reader)).port).not.toBe(primary + 1);
    await f.cluster.startReplica(1);
    await waitFor('replica 1 to be read again', async () => (await portsOf(f.reader, 20)).has(primary + 1), 30_000, 100);
  });

  test('with no replica applying, a price write still completes (its wait ends) and readers of it go to the primary', async () => {
    const before = await metric('db_visible_commit_waits_ended_total', { database: f.database.name });
    await f.cluster.pauseReplica(1);
    await f.cluster.pauseReplica(2);
    try {
      const lsn = await setPrice(f.database, 104);
      // counted once the cancelling query has answered, which may be just after the commit returned
      await waitFor('the ended wait to be counted', async () => (await metric('db_visible_commit_waits_ended_total', { database: f.database.name })) === before + 1);
      expect(await readPrice(f.reader, lsn)).toEqual({ cents: 104, port: primary });
    } finally {
      await f.cluster.resumeReplica(1);
      await f.cluster.resumeReplica(2);
    }
  });
});

describe('one replica, no synchronous standby', () => {
  let f: Fixture;
  const primary = base + 3;
  beforeAll(async () => {
    f = await fixture(`single_${Date.now().toString(36)}`, 1, primary);
  }, 120_000);
  afterAll(() => release(f));

  test('the primary waits for no replica', () => {
    expect(f.cluster.synchronousStandbyNames).toBe('');
  });

  test('a paused replica blocks no price write; readers of the new price see it; the replica is skipped while lagging and used after it resumes', async () => {
    await f.cluster.pauseReplica(1);
    const lsn = await setPrice(f.database, 201);
    for (let i = 0; i < 10; i++) expect(await readPrice(f.reader, lsn)).toEqual({ cents: 201, port: primary });
    await waitFor('the replica to be skipped as lagging', async () => {
      await setPrice(f.database, 202);
      return !(await portsOf(f.reader, 10)).has(primary + 1);
    });
    await f.cluster.resumeReplica(1);
    await waitFor('the replica to be read again', async () => (await portsOf(f.reader, 10)).has(primary + 1));
  });

  test('a stopped replica blocks no price write and reads answer from the primary', async () => {
    await f.cluster.stopReplica(1);
    try {
      const lsn = await setPrice(f.database, 203);
      expect(await readPrice(f.reader, lsn)).toEqual({ cents: 203, port: primary });
      expect(await readPrice(f.reader)).toEqual({ cents: 203, port: primary });
    } finally {
      await f.cluster.startReplica(1);
    }
    await waitFor('the replica to be read again', async () => (await portsOf(f.reader, 10)).has(primary + 1), 30_000, 100);
  });
});
