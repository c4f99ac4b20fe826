import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { countStatements } from '../../../platform/db/statement-log';
import { waitFor } from '../../../platform/infra/processes';
import { notificationChannels, usersJobHandlers } from '../src/jobs';
import { createMailer } from '../src/notification/mail-transport';
import { createSmsProvider } from '../src/notification/sms-provider';
import { startUsers, type Customer, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
beforeAll(async () => {
  users = await startUsers();
});
afterAll(() => users?.stop());

/** A job as BullMQ hands it to a handler: the same id each time it is delivered again. */
function job<T>(name: string, data: T, id: string = randomUUID(), attempt = 1, attempts = 8): Job<T> {
  return { id, name, data, attemptsMade: attempt - 1, opts: { attempts } } as unknown as Job<T>;
}

/** A notification written directly (no outbox job), so only the test's own calls send it. */
async function insertMail(userId: string | null, to: string, subject = 'Hello', body = 'Plain text body.\nSecond line.'): Promise<string> {
  const [row] = await users.sql<{ id: string }>(
    `INSERT INTO notifications (user_id, channel, template, recipient, subject, body) VALUES ($1, 'EMAIL', 'welcome', $2, $3, $4) RETURNING id`,
    [userId, to, subject, body],
  );
  return row.id;
}

async function notification(id: string) {
  const [row] = await users.sql('SELECT status, attempts, error, secret, sent_at FROM notifications WHERE id = $1', [id]);
  return row;
}

describe('sending', () => {
  it('sends once when the same job is delivered twice, one after the other or at the same time', async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    const c = await users.register();
    const first = await insertMail(c.userId, c.email, 'Sequential');
    const sendJob = job('notification.send', { notificationId: first });
    await handlers['notification.send'](sendJob);
    await handlers['notification.send'](sendJob);
    expect(await notification(first)).toMatchObject({ status: 'SENT', attempts: 1, error: null });
    expect(users.mailsTo(c.email).filter((m) => m.json.notificationId === first)).toHaveLength(1);

    const second = await insertMail(c.userId, c.email, 'Concurrent');
    const concurrent = job('notification.send', { notificationId: second });
    await Promise.all([handlers['notification.send'](concurrent), handlers['notification.send'](concurrent)]);
    expect(await notification(second)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(users.mailsTo(c.email).filter((m) => m.json.notificationId === second)).toHaveLength(1);
  });

  it('writes each mail as a readable .eml file and a .json summary in MAIL_DIR', async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    const to = `reader-${Date.now()}@example.com`;
    const id = await insertMail(null, to, 'Your parcel', 'Line one.\nLine two: ünïcødé.');
    await handlers['notification.send'](job('notification.send', { notificationId: id }));
    const [mail] = users.mailsTo(to);
    expect(mail.json).toMatchObject({ notificationId: id, to, subject: 'Your parcel', text: 'Line one.\nLine two: ünïcødé.', from: users.deps.config.mail.from });
    const [headers, ...rest] = mail.eml.split('\n\n');
    expect(headers).toMatch(new RegExp(`^To: ${to}$`, 'm'));
    expect(headers).toMatch(/^Subject: Your parcel$/m);
    expect(headers).toMatch(/^From: Shop <no-reply@shop\.example>$/m);
    expect(headers).toMatch(new RegExp(`^X-Notification-Id: ${id}$`, 'mi'));
    expect(headers).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(rest.join('\n\n')).toContain('Line one.');
    expect(await notification(id)).toMatchObject({ status: 'SENT' });
    expect((await notification(id)).sent_at).toBeInstanceOf(Date);
  });

  it('puts the notification back to QUEUED for a retry when the SMTP server is unreachable, and marks FAILED on the last attempt', async () => {
    const failing = { mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'Shop <no-reply@shop.example>' }), sms: createSmsProvider(users.deps.config.sms, users.deps.log) };
    const handlers = usersJobHandlers(users.deps, failing);
    const id = await insertMail(null, `nobody-${Date.now()}@example.com`);
    await users.sql(`UPDATE notifications SET secret = 'one-time' WHERE id = $1`, [id]);
    await expect(handlers['notification.send'](job('notification.send', { notificationId: id }, 'j1', 1, 3))).rejects.toThrow();
    expect(await notification(id)).toMatchObject({ status: 'QUEUED', attempts: 1, secret: 'one-time' });
    expect((await notification(id)).error).toMatch(/ECONNREFUSED|connect/i);
    await handlers['notification.send'](job('notification.send', { notificationId: id }, 'j1', 3, 3));
    expect(await notification(id)).toMatchObject({ status: 'FAILED', attempts: 2, secret: null });
    // a later delivery does not resurrect it
    await handlers['notification.send'](job('notification.send', { notificationId: id }, 'j1', 3, 3));
    expect(await notification(id)).toMatchObject({ status: 'FAILED', attempts: 2 });
  });

  it('queues a claim left by a worker that died mid-send again, and sends it once', async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    const to = `stale-${Date.now()}@example.com`;
    const stale = await insertMail(null, to, 'Left behind');
    const fresh = await insertMail(null, to, 'Being sent');
    // the first was claimed an hour ago by a worker that never came back; the second is being sent right now
    await users.sql(`UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() - interval '1 hour' WHERE id = $1`, [stale]);
    await users.sql(`UPDATE notifications SET status = 'SENDING', attempts = 1, claimed_at = now() WHERE id = $1`, [fresh]);
    // a redelivery of the fresh one's job leaves it to its worker
    await handlers['notification.send'](job('notification.send', { notificationId: fresh }));
    expect(await notification(fresh)).toMatchObject({ status: 'SENDING', attempts: 1 });

    await handlers['notification.requeue-stale'](job('notification.requeue-stale', {}));
    expect(await notification(stale)).toMatchObject({ status: 'QUEUED', attempts: 1, error: expect.stringContaining('claim expired') });
    expect(await notification(fresh)).toMatchObject({ status: 'SENDING' });
    const [queued] = await users.sql(`SELECT count(*)::int AS n FROM outbox WHERE name = 'notification.send' AND payload->>'notificationId' = $1`, [stale]);
    expect(queued.n).toBe(1);

    await users.deliverAll();
    expect(await notification(stale)).toMatchObject({ status: 'SENT', attempts: 2, error: null });
    expect(users.mailsTo(to).filter((m) => m.json.notificationId === stale)).toHaveLength(1);
    // a second sweep finds nothing to do
    await handlers['notification.requeue-stale'](job('notification.requeue-stale', {}));
    const [again] = await users.sql(`SELECT count(*)::int AS n FROM outbox WHERE name = 'notification.send' AND payload->>'notificationId' = $1`, [stale]);
    expect(again.n).toBe(1);
  });

  it('records the outcome of a send only under the latest claim', async () => {
    const id = await insertMail(null, `fenced-${Date.now()}@example.com`);
    // the first worker hangs in the mail server until after its claim expired and a second worker sent the mail
    let fail: (error: Error) => void = () => undefined;
    const stuck = { ...notificationChannels(users.deps), mailer: { describe: 'stuck', close: () => undefined, send: () => new Promise<void>((_, reject) => (fail = reject)) } };
    const first = usersJobHandlers(users.deps, stuck)['notification.send'](job('notification.send', { notificationId: id }));
    await waitFor('the first claim', async () => (await notification(id)).status === 'SENDING');
    await users.sql(`UPDATE notifications SET claimed_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    await usersJobHandlers(users.deps, notificationChannels(users.deps))['notification.send'](job('notification.send', { notificationId: id }));
    expect(await notification(id)).toMatchObject({ status: 'SENT', attempts: 2 });
    // the first worker's failure comes late: it does not put the sent notification back to QUEUED
    fail(new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    expect(await notification(id)).toMatchObject({ status: 'SENT', attempts: 2, error: null });
  });

  it('names the mail file after the notification, so sending it again replaces it', async () => {
    const mailer = notificationChannels(users.deps).mailer;
    const to = `twice-${Date.now()}@example.com`;
    const mail = { notificationId: randomUUID(), createdAt: new Date(), to, subject: 'Once', text: 'Only one copy.' };
    await mailer.send(mail);
    await mailer.send(mail);
    const copies = users.mailsTo(to);
    expect(copies).toHaveLength(1);
    expect(copies[0].eml).toMatch(new RegExp(`^Message-ID: <${mail.notificationId}@shop\\.example>$`, 'mi'));
  });

  it('ignores a job whose notification id is malformed or unknown', async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    await expect(handlers['notification.send'](job('notification.send', { notificationId: 'nope' }))).resolves.toBeUndefined();
    await expect(handlers['notification.send'](job('notification.send', { notificationId: randomUUID() }))).resolves.toBeUndefined();
  });
});

describe('events that become messages', () => {
  it('mails and texts a shipment update once, even when the event is delivered twice', async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    const c = await users.register('Sam');
    await users.sql(`INSERT INTO notification_preferences (user_id, channel, kind, enabled) VALUES ($1, 'SMS', 'SHIPPING', true)`, [c.userId]);
    const orderId = randomUUID();
    const event = job('shipment.updated', {
      shipmentId: randomUUID(), orderId, userId: c.userId, email: c.email, phone: '+66812345678',
      status: 'IN_TRANSIT', carrier: 'Thai Post', trackingNumber: 'EX123456789TH', estimatedDelivery: '2030-01-05',
    });
    await handlers['shipment.updated'](event);
    await handlers['shipment.updated'](event);
    await users.deliverAll();
    const rows = await users.sql(`SELECT channel, recipient, status FROM notifications WHERE user_id = $1 AND template = 'shipment-update' ORDER BY channel`, [c.userId]);
    expect(rows).toEqual([
      { channel: 'EMAIL', recipient: c.email, status: 'SENT' },
      { channel: 'SMS', recipient: '+66812345678', status: 'SENT' },
    ]);
    const mail = users.mailsTo(c.email).find((m) => m.json.subject.includes('in transit'));
    expect(mail?.json.text).toContain('Tracking number: EX123456789TH');
    const texts = readFileSync(users.smsLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((t) => t.body.includes(orderId.slice(0, 8).toUpperCase()));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ to: '+66812345678' });
    expect(texts[0].body.length).toBeLessThanOrEqual(160);
  });

  it("mails a guest's order confirmation to the order's address, outside any account", async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    const email = `guest-${Date.now()}@example.com`;
    await handlers['order.confirmed'](job('order.confirmed', { orderId: randomUUID(), userId: null, email, lines: [{ productId: randomUUID(), quantity: 2 }, { productId: randomUUID(), quantity: 1 }] }));
    await users.deliverAll();
    const [row] = await users.sql(`SELECT user_id, status FROM notifications WHERE recipient = $1`, [email]);
    expect(row).toEqual({ user_id: null, status: 'SENT' });
    expect(users.mailsTo(email)[0].json.text).toContain('(3 items)');
  });

  it('mails a refund to the customer', async () => {
    const handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
    const c = await users.register();
    await handlers['refund.issued'](job('refund.issued', { refundId: randomUUID(), orderId: randomUUID(), userId: c.userId, email: c.email, amount: '19.99', currencyCode: 'USD' }));
    await users.deliverAll();
    expect(users.mailsTo(c.email).map((m) => m.json.text).join('\n')).toContain('refunded 19.99 USD');
  });
});

const MY_NOTIFICATIONS = `query ($first: Int, $after: String) {
  me { id notifications(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id channel template subject status createdAt sentAt } }
  } }
}`;

describe('User.notifications', () => {
  let c: Customer;
  beforeAll(async () => {
    c = await users.register();
    await users.deliverAll(); // the welcome mail
    for (let i = 1; i <= 4; i++) await insertMail(c.userId, c.email, `Message ${i}`);
    await users.sql(`UPDATE notifications SET status = 'SENDING' WHERE user_id = $1 AND subject = 'Message 4'`, [c.userId]);
  });

  it('pages newest first with keyset cursors and a total', async () => {
    const first = await users.call(c, MY_NOTIFICATIONS, { first: 2 });
    const page1 = first.data!.me.notifications;
    expect(page1.totalCount).toBe(5);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e: { node: { subject: string } }) => e.node.subject)).toEqual(['Message 4', 'Message 3']);
    expect(page1.edges[0].node).toMatchObject({ channel: 'EMAIL', template: 'welcome', status: 'QUEUED', sentAt: null });

    const rest = await users.call(c, MY_NOTIFICATIONS, { first: 10, after: page1.pageInfo.endCursor });
    const page2 = rest.data!.me.notifications;
    expect(page2.edges.map((e: { node: { subject: string } }) => e.node.subject)).toEqual(['Message 2', 'Message 1', 'Welcome to the Shop']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.edges[2].node).toMatchObject({ status: 'SENT' });
    expect(page2.edges[2].node.sentAt).not.toBeNull();
  });

  it('defaults to 20 and refuses a bad page size or cursor with BAD_USER_INPUT', async () => {
    const all = await users.call(c, MY_NOTIFICATIONS);
    expect(all.data!.me.notifications.edges).toHaveLength(5);
    for (const variables of [{ first: 101 }, { first: -1 }, { after: 'garbage' }, { after: Buffer.from('[{"x":1}]').toString('base64url') }]) {
      const res = await users.call(c, MY_NOTIFICATIONS, variables);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it("is private: another customer reading them through a User reference gets FORBIDDEN", async () => {
    const other = await users.register();
    const res = await users.call(
      other,
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id notifications { totalCount } } } }`,
      { reps: [{ __typename: 'User', id: c.userId }] },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.data ?? {})).not.toContain('totalCount');
  });

  it("costs the same number of statements for 2 users' notifications as for 6", async () => {
    for (let i = 0; i < 6; i++) await users.register();
    await users.deliverAll();
    const admin = await users.admin();
    const doc = `query ($first: Int) { users(first: $first) { edges { node { id notifications(first: 2) { totalCount edges { node { id } } } } } } }`;
    const count = async (first: number) => {
      const { result, counts } = await countStatements([users.deps.database.statements], () => users.call(admin, doc, { first }));
      expect(result.errors).toBeUndefined();
      expect(result.data!.users.edges).toHaveLength(first);
      return counts.total;
    };
    expect(await count(6)).toBe(await count(2));
  });
});
