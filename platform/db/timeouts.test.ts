import { createDatabase, type Database } from './data-source';
import { createLogger } from '../logger';
import { createTestDatabase } from '../testing/databases';

const log = createLogger('timeouts-test', 'silent');
let database: Database;
let primaryUrl: string;

beforeAll(async () => {
  const db = await createTestDatabase('timeouts');
  primaryUrl = db.primaryUrl;
  // one connection: a connection that did not go back to the pool would hang the next query
  database = createDatabase({ name: 'timeouts', db: { ...db, poolSize: 1, statementTimeoutMs: 200, lockTimeoutMs: 150, idleTxTimeoutMs: 5000 }, entities: [], migrations: [], log });
  await database.dataSource.initialize();
});
afterAll(async () => {
  await database.dataSource.destroy();
});

test('every connection carries the configured timeouts', async () => {
  const [row] = await database.dataSource.query(
    "SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i",
  );
  expect(row).toEqual({ s: '200ms', l: '150ms', i: '5s' });
});

test('a statement past statement_timeout fails with 57014 and its connection serves the next query', async () => {
  await expect(database.dataSource.query('SELECT pg_sleep(30)')).rejects.toMatchObject({ driverError: { code: '57014' } });
  const [row] = await database.dataSource.query('SELECT 1 AS one');
  expect(row.one).toBe(1);
});

test('a lock wait past lock_timeout fails with 55P03', async () => {
  await database.dataSource.query('CREATE TABLE IF NOT EXISTS locked (id int PRIMARY KEY)');
  await database.dataSource.query('INSERT INTO locked VALUES (1) ON CONFLICT DO NOTHING');
  const other = createDatabase({ name: 'timeouts-other', db: { primaryUrl, replicaUrls: [], poolSize: 1 }, entities: [], migrations: [], log });
  await other.dataSource.initialize();
  try {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = other.dataSource.transaction(async (manager) => {
      await manager.query('SELECT * FROM locked WHERE id = 1 FOR UPDATE');
      locked();
      await held;
    });
    await isLocked;
    await expect(database.dataSource.query('UPDATE locked SET id = 1 WHERE id = 1')).rejects.toMatchObject({ driverError: { code: '55P03' } });
    release();
    await holder;
  } finally {
    await other.dataSource.destroy();
  }
});
