import { Queue } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { migrate } from '../../../platform/db/data-source';
import { waitFor } from '../../../platform/infra/processes';
import { createLogger } from '../../../platform/logger';
import type { EventPayloads } from '../../../platform/queue/events';
import { enqueue } from '../../../platform/queue/outbox';
import { createRedis } from '../../../platform/redis';
import { createTestDatabase } from '../../../platform/testing/databases';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import { testInternalSecret } from '../../../platform/testing/test-secrets';
import type { UsersDeps } from '../src/deps';
import { REQUEUE_STALE_JOB } from '../src/notification/notification-requeue';
import users from '../src/subgraph';
import { UserEntity } from '../src/user/user.entity';

/**
 * The users worker as a real process, killed with SIGKILL in the middle of a send (the
 * NOTIFICATION_FAULT_KILL_AT fault injection), then started again: every notification goes out
 * exactly once — one mail file, one text message — and ends SENT.
 */
jest.setTimeout(150_000);

const ROOT = join(__dirname, '..', '..', '..');
const PHONE = '+66812345678';

let env: NodeJS.ProcessEnv;
let deps: UsersDeps;
let queue: Queue;
let queueRedis: ReturnType<typeof createRedis>;
let mailDir: string;
let smsLog: string;
const running = new Set<ChildProcess>();
const output: string[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  const db = await createTestDatabase('users');
  const dir = mkdtempSync(join(tmpdir(), 'users-crash-'));
  mailDir = join(dir, 'mail');
  smsLog = join(dir, 'sms.log');
  const queuePrefix = `t-users-crash-${randomBytes(4).toString('hex')}`;
  env = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    USERS_DATABASE_URL: db.primaryUrl,
    USERS_DATABASE_REPLICA_URLS: db.replicaUrls.join(','),
    REDIS_URL: testRedisUrl(),
    INTERNAL_SECRET: testInternalSecret(),
    QUEUE_PREFIX: queuePrefix,
    MAIL_DIR: mailDir,
    SMS_LOG_FILE: smsLog,
    // a claim older than 2 s is a dead worker's; the sweep looks twice a second
    NOTIFICATION_CLAIM_TIMEOUT_SECONDS: '2',
    NOTIFICATION_SWEEP_MS: '500',
    // BullMQ finds the killed worker's job stalled within seconds, not a minute
    QUEUE_LOCK_MS: '2000',
    // no revocation check: the only repeating job is the sweep
    REVOCATION_REPUBLISH_MS: '0',
  };
  deps = await users.openDeps(users.readConfig(env), createLogger('users', 'warn'));
  await migrate(deps.database.dataSource);
  queueRedis = createRedis(testRedisUrl(), 'users-crash-test', true);
  queue = new Queue('users', { connection: queueRedis, prefix: queuePrefix });
});

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await queue?.close();
  queueRedis?.disconnect();
  if (deps) await users.closeDeps(deps);
});

/** `node … worker.ts` from the sources, with the test's settings and `extra`. */
async function startWorkerProcess(extra: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', '-r', join(ROOT, 'platform', 'testing', 'register-ts.js'), join(ROOT, 'subgraphs', 'users', 'src', 'worker.ts')],
    { cwd: ROOT, env: { ...env, USERS_WORKER_PORT: String(await freePort()), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (d) => output.push(String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited };
}

async function stopWorkerProcess(worker: { child: ChildProcess; exited: Promise<unknown> }): Promise<void> {
  worker.child.kill('SIGTERM');
  await worker.exited;
}

type Sends = 'EMAIL' | 'SMS' | 'EMAIL+SMS';

/**
 * A customer and an event for them in the outbox that becomes `sends`: an order confirmation by
 * e-mail (and by text message once opted in), or a shipment update by text message only.
 */
async function eventFor(sends: Sends): Promise<{ userId: string; orderNumber: string }> {
  const email = `crash-${randomBytes(6).toString('hex')}@example.com`;
  const orderNumber = `ORD-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return deps.database.dataSource.transaction(async (m: EntityManager) => {
    const { identifiers } = await m.insert(UserEntity, { email, name: 'Crash Test', passwordHash: 'unused' });
    const userId = identifiers[0].id as string;
    const choose = (channel: string, kind: string, enabled: boolean) =>
      m.query(`INSERT INTO notification_preferences (user_id, channel, kind, enabled) VALUES ($1, $2, $3, $4)`, [userId, channel, kind, enabled]);
    if (sends === 'SMS') {
      await choose('EMAIL', 'SHIPPING', false);
      await choose('SMS', 'SHIPPING', true);
      const payload: EventPayloads['shipment.updated'] = {
        shipmentId: randomUUID(), orderId: randomUUID(), userId, email, phone: PHONE, status: 'IN_TRANSIT', carrier: 'Thai Post', trackingNumber: 'EX1TH', estimatedDelivery: null,
      };
      await enqueue(m, { queue: 'users', name: 'shipment.updated', payload });
    } else {
      await choose('SMS', 'ORDERS', true);
      const phone = sends === 'EMAIL+SMS' ? PHONE : null;
      const payload: EventPayloads['order.confirmed'] = { orderId: randomUUID(), orderNumber, userId, email, phone, lines: [{ productId: randomUUID(), quantity: 1 }] };
      await enqueue(m, { queue: 'users', name: 'order.confirmed', payload });
    }
    return { userId, orderNumber };
  });
}

interface Row {
  id: string;
  channel: 'EMAIL' | 'SMS';
  status: string;
  attempts: number;
}

/** The notifications to send (not the SKIPPED ones). */
const notificationsOf = (userId: string) =>
  deps.database.dataSource.query<Row[]>(`SELECT id::text, channel, status, attempts FROM notifications WHERE user_id = $1 AND status <> 'SKIPPED' ORDER BY channel`, [userId]);

const mailFiles = (id: string) => (existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith(`-${id}.json`)) : []);
const texts = (id: string) =>
  (existsSync(smsLog) ? readFileSync(smsLog, 'utf8') : '').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((t) => t.notificationId === id);

/** Kills the worker at `point` of its first send, starts it again, and checks the outcome. */
async function crashAndRecover(point: 'after-claim' | 'after-send', sends: Sends) {
  const { userId, orderNumber } = await eventFor(sends);
  const doomed = await startWorkerProcess({ NOTIFICATION_FAULT_KILL_AT: point });
  const death = await doomed.exited;
  expect(death).toEqual({ code: null, signal: 'SIGKILL' });

  // the moment of death: the event became its notifications, at least one of them claimed and not SENT
  const before = await notificationsOf(userId);
  expect(before.map((r) => r.channel).join('+')).toBe(sends);
  const claimed = before.filter((r) => r.status === 'SENDING');
  expect(claimed.length).toBeGreaterThanOrEqual(1);
  const delivered = (r: Row) => (r.channel === 'EMAIL' ? mailFiles(r.id).length : texts(r.id).length);
  // after-claim: nothing left yet; after-send: the provider has the message, the database does not know
  if (point === 'after-claim') expect(claimed.map(delivered)).toContain(0);
  else expect(claimed.map(delivered)).toContain(1);

  const restarted = await startWorkerProcess();
  try {
    const after = await waitFor('both notifications to be SENT after the restart', async () => {
      const rows = await notificationsOf(userId);
      return rows.every((r) => r.status === 'SENT') && rows;
    }, 60_000, 100);
    // the killed job is redelivered too (BullMQ finds it stalled): it must find the notification SENT
    await waitFor('every job but the sweep to be done', async () => {
      const pending = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'paused']);
      return pending.every((j) => j.name === REQUEUE_STALE_JOB);
    }, 90_000, 200);
    expect((await queue.getJobs(['failed'])).map((j) => j.name)).toEqual([]);

    for (const r of after) expect(r.channel === 'EMAIL' ? mailFiles(r.id) : texts(r.id)).toHaveLength(1);
    const mail = after.find((r) => r.channel === 'EMAIL');
    if (mail) expect(JSON.parse(readFileSync(join(mailDir, mailFiles(mail.id)[0]), 'utf8')).subject).toBe(`Order ${orderNumber} confirmed`);
    // a claim was taken over after the crash
    for (const r of claimed) expect(after.find((a) => a.id === r.id)!.attempts).toBeGreaterThanOrEqual(2);
    expect(await notificationsOf(userId)).toEqual(after);
  } finally {
    await stopWorkerProcess(restarted);
  }
}

describe('a worker killed during a job', () => {
  it('after claiming a notification, before sending: after the restart the mail and the text message go out exactly once', async () => {
    await crashAndRecover('after-claim', 'EMAIL+SMS');
  });

  it('after the mail server accepted the mail, before SENT was recorded: after the restart there is exactly one mail', async () => {
    await crashAndRecover('after-send', 'EMAIL');
  });

  it('after the SMS provider accepted the text, before SENT was recorded: after the restart there is exactly one text message', async () => {
    await crashAndRecover('after-send', 'SMS');
  });
});

afterEach(() => {
  const { currentTestName } = expect.getState();
  if (output.length && process.env.TEST_LOG_LEVEL === 'debug') console.log(`${currentTestName}:\n${output.join('')}`);
  output.length = 0;
});
