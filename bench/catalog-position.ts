/**
 * `npm run bench:catalog-position [-- --port-base 28500] [--n 5000]`: what "every reader sees a
 * price change at once" costs per request, measured in isolation on servers of its own.
 *
 * - a Redis GET of the catalog's global position, sequentially and 10 at a time, and the position
 *   as the gateway reads it (followed over pub/sub), against no read at all: wall-clock and CPU
 *   microseconds per request;
 * - a catalog read on a replica (RequestDb.read) without a position, with a position the lag check
 *   already saw the replica pass (no extra query), and with one it has not seen yet (one extra
 *   query on the replica), per read.
 * Figures, never assertions.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { register } from 'prom-client';
import { CATALOG_CONSISTENCY_KEY } from '../gateway/src/consistency';
import { GlobalPositionWatch, readGlobalPosition } from '../platform/db/global-position';
import { createDatabase } from '../platform/db/data-source';
import { RequestDb } from '../platform/db/request-db';
import { startPostgresCluster } from '../platform/infra/postgres-cluster';
import { waitFor } from '../platform/infra/processes';
import { startRedis } from '../platform/infra/redis-server';
import { createLogger } from '../platform/logger';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const PORT_BASE = Number(option('port-base', '28500'));
const N = Number(option('n', '5000'));
const DATA_DIR = join(resolve(__dirname, '..', '..'), '.data', 'bench-catalog-position');

interface Figure {
  name: string;
  wallUs: number;
  cpuUs: number;
}

/** Runs `fn` N times, `concurrency` at a time, after a warm-up; wall and CPU microseconds per call. */
async function time(name: string, fn: () => Promise<unknown>, concurrency = 1, n = N): Promise<Figure> {
  for (let i = 0; i < Math.min(500, n); i++) await fn();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) await fn();
    }),
  );
  const wallUs = ((performance.now() - start) * 1000) / n;
  const used = process.cpuUsage(cpu);
  return { name, wallUs, cpuUs: (used.user + used.system) / n };
}

async function main() {
  mkdirSync(DATA_DIR, { recursive: true });
  const say = (m: string) => console.log(`\x1b[36m▸\x1b[0m ${m}`);
  const cluster = await startPostgresCluster({ dataDir: DATA_DIR, primaryPort: PORT_BASE, replicaPort: PORT_BASE + 1, unsafeFast: true, say });
  const redisServer = await startRedis(DATA_DIR, PORT_BASE + 2, say);
  const redis = new Redis(redisServer.url);
  await waitFor('Redis', async () => redis.status === 'ready');
  await cluster.createDatabases(['catalog_bench']);
  const database = createDatabase({
    name: 'catalog_bench',
    db: { primaryUrl: cluster.primaryUrl('catalog_bench'), replicaUrls: cluster.replicaUrls('catalog_bench'), poolSize: 10 },
    entities: [],
    migrations: [],
    log: createLogger('bench', 'warn'),
  });
  await database.dataSource.initialize();
  const figures: Figure[] = [];
  try {
    await database.dataSource.query('CREATE TABLE IF NOT EXISTS prices (id int PRIMARY KEY, cents int NOT NULL)');
    await database.dataSource.query('INSERT INTO prices VALUES (1, 100) ON CONFLICT DO NOTHING');
    await cluster.waitForReplicas();

    const [{ lsn }] = await database.dataSource.query('SELECT pg_current_wal_lsn()::text AS lsn');
    await redis.del(CATALOG_CONSISTENCY_KEY);
    figures.push(await time('no catalog position read (baseline)', async () => undefined));
    figures.push(await time('GET of the position, none stored', () => readGlobalPosition(redis, CATALOG_CONSISTENCY_KEY)));
    await redis.set(CATALOG_CONSISTENCY_KEY, lsn, 'EX', 3600);
    figures.push(await time('GET of the position, one stored', () => readGlobalPosition(redis, CATALOG_CONSISTENCY_KEY)));
    figures.push(await time('GET of the position, 10 at a time', () => readGlobalPosition(redis, CATALOG_CONSISTENCY_KEY), 10));
    const watch = new GlobalPositionWatch(redis, 'catalog');
    await waitFor('the watch to follow the position', async () => watch.following);
    figures.push(await time('the watched position (pub/sub, as the gateway reads it)', () => watch.current()));
    watch.close();

    const read = (position?: string) => () => new RequestDb(database, position).read((m) => m.query('SELECT cents FROM prices WHERE id = 1'));
    const reads = Math.max(500, Math.floor(N / 5));
    figures.push(await time('replica read, no position', read(), 1, reads));
    await database.replicas.check();
    figures.push(await time('replica read, position already seen replayed', read(lsn), 1, reads));
    // right after a change: the lag check has not seen the replica pass it, so the read asks the
    // replica first (and goes to the primary when it has not replayed the change yet)
    let wallUs = 0;
    let cpuUs = 0;
    for (let i = 0; i < reads; i++) {
      const [[row]] = await database.dataSource.query(`UPDATE prices SET cents = ${100 + (i % 50)} WHERE id = 1 RETURNING pg_current_wal_lsn()::text AS lsn`);
      const cpu = process.cpuUsage();
      const start = performance.now();
      await read(row.lsn)();
      wallUs += (performance.now() - start) * 1000;
      const used = process.cpuUsage(cpu);
      cpuUs += used.user + used.system;
    }
    figures.push({ name: 'replica read right after a change (asks the replica)', wallUs: wallUs / reads, cpuUs: cpuUs / reads });
    const fallbacks = (await register.getSingleMetric('db_replica_fallbacks_total')?.get())?.values.reduce((n, v) => n + v.value, 0) ?? 0;
    console.log(`reads right after a change that went to the primary: ${fallbacks} of ${reads}`);
  } finally {
    await database.dataSource.destroy();
    redis.disconnect();
    await redisServer.stop();
    await cluster.stop();
  }
  console.log(`\n${'measurement'.padEnd(52)}${'wall µs'.padStart(10)}${'cpu µs'.padStart(10)}   (per call, N = ${N})`);
  for (const f of figures) console.log(`${f.name.padEnd(52)}${f.wallUs.toFixed(1).padStart(10)}${f.cpuUs.toFixed(1).padStart(10)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
