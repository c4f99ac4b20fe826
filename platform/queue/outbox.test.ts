import { Queue, QueueEvents } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { createDatabase, migrate, type Database } from '../db/data-source';
import { createLogger } from '../logger';
import { createRedis } from '../redis';
import { createTestDatabase } from '../testing/databases';
import { testRedisUrl } from '../testing/test-infra';
import { applyOnce, startConsumer } from './consumer';
import { enqueue } from './outbox';
import { queueEntities } from './outbox.entity';
import { createQueueTables, dropQueueTables } from './outbox.migration';
import { OutboxRelay } from './outbox-relay';
import type { Job } from 'bullmq';
import type { MigrationInterface, QueryRunner } from 'typeorm';

class QueueTables1700000000000 implements MigrationInterface {
  name = 'QueueTables1700000000000';
  async up(q: QueryRunner) {
    await createQueueTables(q);
    await q.query('CREATE TABLE effects (id serial PRIMARY KEY, job_id text NOT NULL)');
  }
  async down(q: QueryRunner) {
    await dropQueueTables(q);
  }
}

const log = createLogger('outbox-test', 'silent');
const prefix = `outbox-test-${randomBytes(4).toString('hex')}`;
const redis = createRedis(testRedisUrl(), 'outbox-test', true);
let database: Database;
let primaryUrl: string;

beforeAll(async () => {
  const db = await createTestDatabase('outbox');
  primaryUrl = db.primaryUrl;
  database = createDatabase({ name: 'outbox', db, entities: queueEntities, migrations: [QueueTables1700000000000], log });
  await database.dataSource.initialize();
  await migrate(database.dataSource);
});
afterAll(async () => {
  await database.dataSource.destroy();
  redis.disconnect();
});

describe('outbox → BullMQ', () => {
  it('relays only committed rows, with the outbox id as job id, and marks them', async () => {
    const queue = new Queue('users', { connection: redis, prefix });
    await database.dataSource.transaction(async (m) => enqueue(m, { queue: 'users', name: 'kept', payload: { n: 1 } }));
    await database.dataSource
      .transaction(async (m) => {
        await enqueue(m, { queue: 'users', name: 'rolled-back', payload: {} });
        throw new Error('abort');
      })
      .catch(() => undefined);
    const relay = new OutboxRelay('src', primaryUrl, redis, log, 60_000, prefix);
    expect(await relay.drain()).toBe(1);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed']);
    expect(jobs.map((j) => [j.name, j.data])).toEqual([['kept', { n: 1 }]]);
    const [row] = await database.dataSource.query('SELECT id, relayed_at FROM outbox');
    expect(jobs[0].id).toBe(`src-${row.id}`);
    expect(row.relayed_at).not.toBeNull();

    // a row relayed twice (the relay died before marking it) is still one job
    await database.dataSource.query('UPDATE outbox SET relayed_at = NULL');
    expect(await relay.drain()).toBe(1);
    expect(await queue.getJobCounts('waiting', 'delayed', 'completed', 'active')).toMatchObject({ waiting: 1 });
    await relay.stop();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('applies an effect once however often the job is delivered', async () => {
    const effect = (jobId: string) =>
      applyOnce(database.dataSource, 'test-consumer', jobId, async (m) => {
        await m.query('INSERT INTO effects (job_id) VALUES ($1)', [jobId]);
      });
    expect(await Promise.all([effect('j-1'), effect('j-1'), effect('j-1')])).toEqual(expect.arrayContaining([true, false, false]));
    expect(await effect('j-2')).toBe(true);
    const rows = await database.dataSource.query('SELECT job_id FROM effects ORDER BY id');
    expect(rows.map((r: { job_id: string }) => r.job_id)).toEqual(['j-1', 'j-2']);
  });

  it('delivers to a consumer after commit and honours delays', async () => {
    const seen: { name: string; at: number }[] = [];
    const consumer = startConsumer('catalog', { ping: async (job: Job) => void seen.push({ name: job.name, at: Date.now() }) }, redis, log, { prefix });
    const eventsRedis = createRedis(testRedisUrl(), 'events', true);
    const events = new QueueEvents('catalog', { connection: eventsRedis, prefix });
    const relay = new OutboxRelay('src2', primaryUrl, redis, log, 50, prefix);
    await relay.start();
    const committedAt = Date.now();
    await database.dataSource.transaction((m) => enqueue(m, { queue: 'catalog', name: 'ping', payload: {}, delayMs: 300 }));
    const { waitFor } = await import('../infra/processes');
    await waitFor('the delayed job', async () => seen.length === 1, 10_000, 20);
    expect(seen[0].at - committedAt).toBeGreaterThanOrEqual(250);
    await relay.stop();
    await consumer.close();
    await events.close();
    eventsRedis.disconnect();
  });
});
