import { createServer, connect, type Server } from 'node:net';
import { register } from 'prom-client';
import { createDatabase, type Database } from './data-source';
import { RequestDb } from './request-db';
import { createLogger } from '../logger';
import { createTestDatabase } from '../testing/databases';
import { TEST_INFRA } from '../testing/test-infra';

const log = createLogger('replica-fallback-test', 'silent');

/** A loopback port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Forwards `port` to the test replica: the replica "comes back" on that port. */
async function proxyToReplica(port: number): Promise<Server> {
  const server = createServer((socket) => {
    const upstream = connect(TEST_INFRA.replicaPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

async function fallbacks(database: string): Promise<number> {
  const metric = await register.getSingleMetric('db_replica_fallbacks_total')!.get();
  return metric.values.filter((v) => v.labels.database === database).reduce((n, v) => n + v.value, 0);
}

const inRecovery = (database: Database) => new RequestDb(database).read(async (m) => (await m.query('SELECT pg_is_in_recovery() AS r'))[0].r as boolean);

let database: Database;
let proxy: Server | undefined;
let port: number;
const name = `fallback_${Date.now().toString(36)}`;

beforeAll(async () => {
  const db = await createTestDatabase('fallback');
  port = await freePort();
  const replicaUrl = `postgres://postgres@127.0.0.1:${port}/${db.name}`;
  database = createDatabase({ name, db: { ...db, replicaUrls: [replicaUrl], replicaRetryMs: 300, connectTimeoutMs: 2000 }, entities: [], migrations: [], log });
  // starts although its replica refuses connections
  await database.dataSource.initialize();
});
afterAll(async () => {
  await database.dataSource.destroy();
  if (proxy) await new Promise((resolve) => proxy!.close(resolve));
});

test('reads answer from the primary while the replica refuses connections, and are counted', async () => {
  const before = await fallbacks(name);
  expect(await inRecovery(database)).toBe(false);
  expect(await inRecovery(database)).toBe(false);
  expect(await fallbacks(name)).toBeGreaterThanOrEqual(before + 2);
});

test('reads go back to the replica once it answers again', async () => {
  proxy = await proxyToReplica(port);
  const deadline = Date.now() + 20_000;
  let onReplica = false;
  while (!onReplica && Date.now() < deadline) {
    onReplica = await inRecovery(database);
    if (!onReplica) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(onReplica).toBe(true);
});
