import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { Database } from '../platform/db/data-source';
import { lsnToBigInt } from '../platform/db/lsn';
import { countStatements } from '../platform/db/statement-log';
import { startPostgresCluster, type PostgresCluster } from '../platform/infra/postgres-cluster';
import { waitFor } from '../platform/infra/processes';
import { createRedis } from '../platform/redis';
import { TEST_INFRA, testRedisUrl } from '../platform/testing/test-infra';
import { userPositionsKey } from '../gateway/src/consistency';
import { startStack, type Stack } from './harness';
import { admin as adminOp, storefront as op } from './operations';

/**
 * Read-your-writes when the subgraphs' databases live on different PostgreSQL clusters: users on
 * a second primary + replica started here, catalog on the test cluster. Their WAL positions are
 * unrelated numbers, so the gateway keeps one position per subgraph.
 */
/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let second: PostgresCluster;
let secondPrimaryPort: number;
let stack: Stack;
const redis = createRedis(testRedisUrl(), 'consistency-test');

beforeAll(async () => {
  // ports the system hands out now (fixed ones could be taken by another run's servers)
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  secondPrimaryPort = primaryPort;
  second = await startPostgresCluster({ dataDir: join(TEST_INFRA.dataDir, '..', 'test-second-cluster'), primaryPort, replicaPort, unsafeFast: true });
  const name = `t_${process.env.TEST_RUN_ID ?? 'adhoc'}_users_${randomBytes(4).toString('hex')}`;
  await second.createDatabases([name]);
  // replicas paused here are not skipped as lagging (DATABASE_REPLICA_MAX_LAG_MS): only the positions decide
  const noLagLimit = { DATABASE_REPLICA_MAX_LAG_MS: '3600000' };
  stack = await startStack({}, { users: { USERS_DATABASE_URL: second.primaryUrl(name), USERS_DATABASE_REPLICA_URLS: second.replicaUrl(name), ...noLagLimit }, catalog: noLagLimit });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  redis.disconnect();
  await second?.stop();
});

const usersDb = (): Database => stack.subgraphs.users.deps.database;
const catalogDb = (): Database => stack.subgraphs.catalog.deps.database;

async function onReplica<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: (db.dataSource.options as PostgresConnectionOptions).replication!.slaves[0].url! });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function primaryLsn(db: Database): Promise<string> {
  const [row] = await db.dataSource.query('SELECT pg_current_wal_lsn()::text AS lsn');
  return row.lsn;
}

async function replayed(db: Database): Promise<void> {
  const lsn = await primaryLsn(db);
  await waitFor('the replica to replay', async () => (await onReplica<{ ok: boolean }>(db, 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]))[0].ok);
}

/** Pauses replay on both replicas for `fn`, and resumes it whatever happens. */
async function withReplicasPaused(fn: () => Promise<void>): Promise<void> {
  await onReplica(usersDb(), 'SELECT pg_wal_replay_pause()');
  await onReplica(catalogDb(), 'SELECT pg_wal_replay_pause()');
  try {
    await fn();
  } finally {
    await onReplica(usersDb(), 'SELECT pg_wal_replay_resume()');
    await onReplica(catalogDb(), 'SELECT pg_wal_replay_resume()');
  }
}

async function makeProduct(): Promise<{ id: string; slug: string }> {
  const n = randomBytes(4).toString('hex');
  const result = await stack.call(adminOp.CreateProduct, { input: { name: `Consistent ${n}`, sku: `CONS-${n}`, price: '12.00', status: 'ACTIVE' } }, await stack.adminToken());
  const product = result.data?.createProduct.product;
  if (!product) throw new Error(`createProduct failed: ${JSON.stringify(result)}`);
  return product;
}

/** The caller's name (users) and their reviews, PENDING ones included (catalog), in one request. */
const MY_REVIEWS = `query MyReviews { me { name reviews(first: 5) { edges { node { title status product { id } } } } } }`;

const decodeToken = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as { p: Record<string, string>; e: number };

describe('the databases live on two clusters', () => {
  it('users and catalog have a replica each, on different servers', async () => {
    const [users] = await usersDb().dataSource.query('SELECT inet_server_port() AS port');
    const [catalog] = await catalogDb().dataSource.query('SELECT inet_server_port() AS port');
    expect(users.port).toBe(secondPrimaryPort);
    expect(catalog.port).toBe(TEST_INFRA.primaryPort);
    for (const db of [usersDb(), catalogDb()]) {
      const [recovery] = await onReplica<{ in_recovery: boolean }>(db, 'SELECT pg_is_in_recovery() AS in_recovery');
      expect(recovery.in_recovery).toBe(true);
    }
  });
});

describe('read-your-writes across clusters', () => {
  it('a signed-in caller reads its own writes on users and catalog while both replicas lag', async () => {
    const product = await makeProduct();
    const c = await stack.registerCustomer('Before');
    await replayed(usersDb());
    await replayed(catalogDb());
    await withReplicasPaused(async () => {
      const update = await stack.call(op.UpdateProfile, { input: { name: 'After' } }, c.accessToken);
      expect(update.data!.updateProfile.user.name).toBe('After');
      const review = await stack.call(op.AddReview, { input: { productId: product.id, rating: 4, title: 'Solid' } }, c.accessToken);
      expect(review.data!.addReview.userErrors).toEqual([]);
      // a signed-in caller's positions stay in the gateway, not in a header
      expect(update.headers.get('x-consistency-token')).toBeNull();

      // one position per subgraph, each from its own cluster
      const stored = await redis.hgetall(userPositionsKey(c.userId));
      expect(Object.keys(stored).sort()).toEqual(['catalog', 'users']);
      expect(lsnToBigInt(stored.users)).toBeLessThanOrEqual(lsnToBigInt(await primaryLsn(usersDb())));
      expect(lsnToBigInt(stored.catalog)).toBeLessThanOrEqual(lsnToBigInt(await primaryLsn(catalogDb())));

      // both replicas really are behind
      const [staleUser] = await onReplica<{ name: string }>(usersDb(), 'SELECT name FROM users WHERE id = $1', [c.userId]);
      expect(staleUser.name).toBe('Before');
      const staleReviews = await onReplica(catalogDb(), 'SELECT 1 FROM reviews WHERE product_id = $1', [product.id]);
      expect(staleReviews).toEqual([]);

      // yet the caller's next requests see both writes
      const me = await countStatements([usersDb().statements], () => stack.call(op.Me, {}, c.accessToken));
      expect(me.result.data!.me.name).toBe('After');
      expect(me.counts.primary).toBeGreaterThanOrEqual(1);
      const mine = await countStatements([catalogDb().statements], () => stack.call(MY_REVIEWS, {}, c.accessToken));
      expect(mine.result.data!.me).toEqual({ name: 'After', reviews: { edges: [{ node: { title: 'Solid', status: 'PENDING', product: { id: product.id } } }] } });
      expect(mine.counts.primary).toBeGreaterThanOrEqual(1);
    });

    // once the replicas have replayed, each subgraph reads from its own replica again
    await replayed(usersDb());
    await replayed(catalogDb());
    const me = await countStatements([usersDb().statements], () => stack.call(op.Me, {}, c.accessToken));
    expect(me.result.data!.me.name).toBe('After');
    expect(me.counts.primary).toBe(0);
  });

  it('a guest holding the signed token reads its own writes; without it, a lagging replica answers', async () => {
    await replayed(usersDb());
    await withReplicasPaused(async () => {
      const email = `guest-${randomBytes(6).toString('hex')}@example.com`;
      const registered = await stack.call(op.Register, { input: { email, password: 'a long enough passphrase', name: 'Guest' } });
      const { accessToken, user } = registered.data!.register;
      const token = registered.headers.get('x-consistency-token');
      expect(token).toBeTruthy();
      expect(Object.keys(decodeToken(token!).p)).toEqual(['users']);

      // the new account is not on the paused replica: without the token it is not found
      const without = await stack.call(op.Me, {}, accessToken);
      expect(without.data!.me).toBeNull();
      const withToken = await countStatements([usersDb().statements], () => stack.call(op.Me, {}, accessToken, { 'x-consistency-token': token! }));
      expect(withToken.result.data!.me).toMatchObject({ id: user.id, email, name: 'Guest' });
      expect(withToken.counts.primary).toBeGreaterThanOrEqual(1);
    });
  });
});

describe('the consistency token cannot be abused', () => {
  it('a forged, altered or inflated token is ignored: reads stay on the replica', async () => {
    const registered = await stack.call(op.Register, { input: { email: `forge-${randomBytes(6).toString('hex')}@example.com`, password: 'a long enough passphrase', name: 'Forger' } });
    const genuine = registered.headers.get('x-consistency-token')!;
    const { accessToken } = registered.data!.register;
    await replayed(usersDb());
    const [payload, mac] = genuine.split('.');
    const claims = decodeToken(genuine);
    const inflated = Buffer.from(JSON.stringify({ ...claims, p: { ...claims.p, users: 'FFFFFFFF/FFFFFFFF' } })).toString('base64url');
    for (const forged of ['FFFFFFFF/FFFFFFFF', 'users=FFFFFFFF/FFFFFFFF', `${inflated}.${mac}`, `${payload}.${mac.slice(0, -2)}AA`, `${payload}.`]) {
      const { result, counts } = await countStatements([usersDb().statements], () => stack.call(op.Me, {}, accessToken, { 'x-consistency-token': forged }));
      expect(result.data!.me.name).toBe('Forger');
      expect(counts.primary).toBe(0);
      expect(counts.replica).toBeGreaterThanOrEqual(1);
    }
  });

  it('a publicly cacheable response never carries a consistency token', async () => {
    const registered = await stack.call(op.Register, { input: { email: `cache-${randomBytes(6).toString('hex')}@example.com`, password: 'a long enough passphrase', name: 'Cache' } });
    expect(registered.headers.get('cache-control') ?? '').not.toMatch(/public/);
    const token = registered.headers.get('x-consistency-token')!;
    expect(token).toBeTruthy();
    const categories = await stack.call(op.Categories, {}, undefined, { 'x-consistency-token': token });
    expect(categories.errors).toBeUndefined();
    expect(categories.headers.get('cache-control')).toMatch(/public/);
    expect(categories.headers.get('x-consistency-token')).toBeNull();
  });
});
