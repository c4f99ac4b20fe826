import type { Job } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { countStatements } from '../../../platform/db/statement-log';
import type { JobHandlers } from '../../../platform/queue/consumer';
import { notificationChannels, usersJobHandlers } from '../src/jobs';
import { guest, startUsers, type Customer, type UsersHarness } from './helpers';

jest.setTimeout(30_000);

let users: UsersHarness;
let handlers: JobHandlers;
beforeAll(async () => {
  users = await startUsers();
  handlers = usersJobHandlers(users.deps, notificationChannels(users.deps));
});
afterAll(() => users?.stop());

const PREFERENCES = `query { me { id notificationPreferences { channel kind enabled isDefault } } }`;
const UPDATE = `mutation ($input: UpdateNotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) {
    user { id notificationPreferences { channel kind enabled isDefault } }
    notificationPreferences { channel kind enabled isDefault }
    userErrors { field message code }
  }
}`;

type Choice = { channel: 'EMAIL' | 'SMS'; kind: 'ORDERS' | 'SHIPPING' | 'MARKETING'; enabled: boolean };

async function choose(c: Customer, ...preferences: Choice[]) {
  const res = await users.call(c, UPDATE, { input: { preferences } });
  expect(res.errors).toBeUndefined();
  expect(res.data!.updateNotificationPreferences.userErrors).toEqual([]);
  return res.data!.updateNotificationPreferences;
}

const DEFAULTS = [
  { channel: 'EMAIL', kind: 'ORDERS', enabled: true, isDefault: true },
  { channel: 'EMAIL', kind: 'SHIPPING', enabled: true, isDefault: true },
  { channel: 'EMAIL', kind: 'MARKETING', enabled: false, isDefault: true },
  { channel: 'SMS', kind: 'ORDERS', enabled: false, isDefault: true },
  { channel: 'SMS', kind: 'SHIPPING', enabled: false, isDefault: true },
];

/** An event delivered to the users queue's handler as BullMQ would (a fresh job id). */
async function deliver<T>(name: string, data: T): Promise<void> {
  await handlers[name]({ id: randomUUID(), name, data, attemptsMade: 0, opts: { attempts: 8 } } as unknown as Job<T>);
  await users.deliverAll();
}

async function notificationsOf(where: { userId?: string; recipient?: string }, template: string) {
  return users.sql<{ id: string; channel: string; status: string; skip_reason: string | null; subject: string | null; recipient: string }>(
    `SELECT id, channel, status, skip_reason, subject, recipient FROM notifications
      WHERE (user_id = $1 OR recipient = $2) AND template = $3 ORDER BY channel`,
    [where.userId ?? null, where.recipient ?? null, template],
  );
}

const textsFor = (notificationId: string) =>
  (existsSync(users.smsLog) ? readFileSync(users.smsLog, 'utf8') : '').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((t) => t.notificationId === notificationId);

const PHONE = '+66812345678';
const orderConfirmed = (c: { userId: string | null; email: string }, orderNumber = `ORD-2026-${Math.floor(Math.random() * 1e6)}`, phone = PHONE) => ({
  orderId: randomUUID(), orderNumber, userId: c.userId, email: c.email, phone, lines: [{ productId: randomUUID(), quantity: 2 }],
});
const shipmentUpdated = (c: Customer) => ({
  shipmentId: randomUUID(), orderId: randomUUID(), userId: c.userId, email: c.email, phone: PHONE,
  status: 'IN_TRANSIT', carrier: 'Thai Post', trackingNumber: 'EX123456789TH', estimatedDelivery: null,
});

describe('User.notificationPreferences and updateNotificationPreferences', () => {
  it('gives a new customer the defaults: e-mail about orders and shipping, nothing else', async () => {
    const c = await users.register();
    const res = await users.call(c, PREFERENCES);
    expect(res.data!.me.notificationPreferences).toEqual(DEFAULTS);
  });

  it('changes the combinations given, keeps the others, and reads them back', async () => {
    const c = await users.register();
    const first = await choose(c, { channel: 'SMS', kind: 'ORDERS', enabled: true }, { channel: 'EMAIL', kind: 'SHIPPING', enabled: false });
    const expected = [
      DEFAULTS[0],
      { channel: 'EMAIL', kind: 'SHIPPING', enabled: false, isDefault: false },
      DEFAULTS[2],
      { channel: 'SMS', kind: 'ORDERS', enabled: true, isDefault: false },
      DEFAULTS[4],
    ];
    expect(first.notificationPreferences).toEqual(expected);
    expect(first.user).toEqual({ id: c.userId, notificationPreferences: expected });

    // a second change of one of them, then a read of its own
    const second = await choose(c, { channel: 'SMS', kind: 'ORDERS', enabled: false });
    expect(second.notificationPreferences[3]).toEqual({ channel: 'SMS', kind: 'ORDERS', enabled: false, isDefault: false });
    expect((await users.call(c, PREFERENCES)).data!.me.notificationPreferences).toEqual(second.notificationPreferences);
    const rows = await users.sql(`SELECT channel, kind, enabled FROM notification_preferences WHERE user_id = $1 ORDER BY channel, kind`, [c.userId]);
    expect(rows).toEqual([{ channel: 'EMAIL', kind: 'SHIPPING', enabled: false }, { channel: 'SMS', kind: 'ORDERS', enabled: false }]);
  });

  it('refuses a combination that does not exist or one given twice with INVALID, and changes nothing', async () => {
    const c = await users.register();
    const unknown = await users.call(c, UPDATE, {
      input: { preferences: [{ channel: 'EMAIL', kind: 'MARKETING', enabled: true }, { channel: 'SMS', kind: 'MARKETING', enabled: true }] },
    });
    expect(unknown.data!.updateNotificationPreferences).toMatchObject({ user: null, notificationPreferences: null });
    expect(unknown.data!.updateNotificationPreferences.userErrors).toEqual([{ code: 'INVALID', field: 'input.preferences.1', message: expect.stringContaining('MARKETING') }]);
    const twice = await users.call(c, UPDATE, {
      input: { preferences: [{ channel: 'SMS', kind: 'SHIPPING', enabled: true }, { channel: 'SMS', kind: 'SHIPPING', enabled: false }] },
    });
    expect(twice.data!.updateNotificationPreferences.userErrors).toEqual([{ code: 'INVALID', field: 'input.preferences.1', message: expect.stringContaining('more than once') }]);
    expect((await users.call(c, PREFERENCES)).data!.me.notificationPreferences).toEqual(DEFAULTS);
    const bogus = await users.call(c, UPDATE, { input: { preferences: [{ channel: 'PIGEON', kind: 'ORDERS', enabled: true }] } });
    expect(bogus.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is private: guests cannot change them, another customer cannot read them, staff can', async () => {
    const c = await users.register();
    await choose(c, { channel: 'EMAIL', kind: 'MARKETING', enabled: true });
    const asGuest = await users.call(guest, UPDATE, { input: { preferences: [{ channel: 'EMAIL', kind: 'ORDERS', enabled: false }] } });
    expect(asGuest.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const read = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id notificationPreferences { channel kind enabled } } } }`;
    const reps = { reps: [{ __typename: 'User', id: c.userId }] };
    const other = await users.call(await users.register(), read, reps);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(other.data ?? {})).not.toContain('MARKETING');
    const staff = await users.call(await users.admin(), read, reps);
    expect(staff.errors).toBeUndefined();
    expect(staff.data!._entities[0].notificationPreferences[2]).toEqual({ channel: 'EMAIL', kind: 'MARKETING', enabled: true });
  });
});

describe('User.notificationPreferences of many users', () => {
  it("costs the same number of statements for 2 users' preferences as for 6", async () => {
    for (let i = 0; i < 6; i++) await choose(await users.register(), { channel: 'SMS', kind: 'SHIPPING', enabled: true });
    const admin = await users.admin();
    const doc = `query ($first: Int) { users(first: $first) { edges { node { id notificationPreferences { channel kind enabled } } } } }`;
    const count = async (first: number) => {
      const { result, counts } = await countStatements([users.deps.database.statements], () => users.call(admin, doc, { first }));
      expect(result.errors).toBeUndefined();
      expect(result.data!.users.edges).toHaveLength(first);
      return counts.total;
    };
    expect(await count(6)).toBe(await count(2));
  });
});

describe('senders respect the preferences', () => {
  it('order.confirmed: the receipt always, named by the order number; the text message only after an opt-in', async () => {
    const c = await users.register('Olga');
    await deliver('order.confirmed', orderConfirmed(c, 'ORD-2026-000777'));
    const [mail, sms] = await notificationsOf({ userId: c.userId }, 'order-confirmed');
    expect(mail).toMatchObject({ channel: 'EMAIL', status: 'SENT', subject: 'Order ORD-2026-000777 confirmed' });
    expect(sms).toMatchObject({ channel: 'SMS', status: 'SKIPPED', skip_reason: 'SMS for ORDERS is off (default)', recipient: PHONE });
    expect(textsFor(sms.id)).toEqual([]);

    // opted out of order e-mail, opted in to order texts: the receipt still goes out, and now the text too
    await choose(c, { channel: 'EMAIL', kind: 'ORDERS', enabled: false }, { channel: 'SMS', kind: 'ORDERS', enabled: true });
    await deliver('order.confirmed', orderConfirmed(c, 'ORD-2026-000778'));
    const rows = (await notificationsOf({ userId: c.userId }, 'order-confirmed')).filter((r) => r.status === 'SENT');
    expect(rows.map((r) => r.channel).sort()).toEqual(['EMAIL', 'EMAIL', 'SMS']);
    const text = textsFor(rows.find((r) => r.channel === 'SMS')!.id);
    expect(text).toHaveLength(1);
    expect(text[0]).toMatchObject({ to: PHONE, body: expect.stringContaining('Order ORD-2026-000778 (2 items) is confirmed') });
  });

  it('order.confirmed for a guest: the receipt, and no text message (a guest cannot opt in)', async () => {
    const guestOrder = { userId: null, email: `guest-${randomUUID()}@example.com` };
    const phone = `+6689${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await deliver('order.confirmed', orderConfirmed(guestOrder, 'ORD-2026-000555', phone));
    expect(await notificationsOf({ recipient: guestOrder.email }, 'order-confirmed')).toEqual([expect.objectContaining({ channel: 'EMAIL', status: 'SENT' })]);
    expect(await notificationsOf({ recipient: phone }, 'order-confirmed')).toEqual([expect.objectContaining({ channel: 'SMS', status: 'SKIPPED' })]);
  });

  it('order.cancelled: an e-mail unless the customer turned order e-mail off', async () => {
    const c = await users.register();
    await deliver('order.cancelled', { orderId: randomUUID(), orderNumber: 'ORD-2026-000900', userId: c.userId, email: c.email, reason: 'changed my mind' });
    const [sent] = await notificationsOf({ userId: c.userId }, 'order-cancelled');
    expect(sent).toMatchObject({ status: 'SENT', subject: 'Order ORD-2026-000900 cancelled' });
    expect(users.mailsTo(c.email).find((m) => m.json.notificationId === sent.id)?.json.text).toContain('will not be shipped');

    await choose(c, { channel: 'EMAIL', kind: 'ORDERS', enabled: false });
    await deliver('order.cancelled', { orderId: randomUUID(), orderNumber: 'ORD-2026-000901', userId: c.userId, email: c.email, reason: null });
    const skipped = (await notificationsOf({ userId: c.userId }, 'order-cancelled')).find((r) => r.subject === 'Order ORD-2026-000901 cancelled');
    expect(skipped).toMatchObject({ status: 'SKIPPED', skip_reason: "EMAIL for ORDERS is off (the customer's choice)" });
    expect(users.mailsTo(c.email).filter((m) => m.json.notificationId === skipped!.id)).toEqual([]);
  });

  it('shipment.updated: e-mail by default, the text message once opted in, nothing by e-mail once opted out', async () => {
    const c = await users.register();
    await deliver('shipment.updated', shipmentUpdated(c));
    expect((await notificationsOf({ userId: c.userId }, 'shipment-update')).map((r) => [r.channel, r.status])).toEqual([['EMAIL', 'SENT'], ['SMS', 'SKIPPED']]);

    await users.sql(`DELETE FROM notifications WHERE user_id = $1 AND template = 'shipment-update'`, [c.userId]);
    await choose(c, { channel: 'EMAIL', kind: 'SHIPPING', enabled: false }, { channel: 'SMS', kind: 'SHIPPING', enabled: true });
    await deliver('shipment.updated', shipmentUpdated(c));
    const rows = await notificationsOf({ userId: c.userId }, 'shipment-update');
    expect(rows.map((r) => [r.channel, r.status, r.skip_reason])).toEqual([['EMAIL', 'SKIPPED', "EMAIL for SHIPPING is off (the customer's choice)"], ['SMS', 'SENT', null]]);
    expect(textsFor(rows[1].id)).toHaveLength(1);
  });

  it('cart.abandoned is marketing: off until the customer opts in', async () => {
    const c = await users.register();
    await deliver('cart.abandoned', { cartId: randomUUID(), userId: c.userId, itemCount: 2 });
    expect(await notificationsOf({ userId: c.userId }, 'cart-abandoned')).toEqual([expect.objectContaining({ status: 'SKIPPED', skip_reason: 'EMAIL for MARKETING is off (default)' })]);
    await choose(c, { channel: 'EMAIL', kind: 'MARKETING', enabled: true });
    await deliver('cart.abandoned', { cartId: randomUUID(), userId: c.userId, itemCount: 3 });
    expect((await notificationsOf({ userId: c.userId }, 'cart-abandoned')).map((r) => r.status).sort()).toEqual(['SENT', 'SKIPPED']);
  });

  it('sends transactional mail whatever the preferences: refund receipt and password reset', async () => {
    const c = await users.register();
    await choose(
      c,
      { channel: 'EMAIL', kind: 'ORDERS', enabled: false },
      { channel: 'EMAIL', kind: 'SHIPPING', enabled: false },
      { channel: 'EMAIL', kind: 'MARKETING', enabled: false },
    );
    await deliver('refund.issued', { refundId: randomUUID(), orderId: randomUUID(), userId: c.userId, email: c.email, amount: '19.99', currencyCode: 'USD' });
    expect(await notificationsOf({ userId: c.userId }, 'refund-issued')).toEqual([expect.objectContaining({ status: 'SENT' })]);
    const reset = await users.call(guest, `mutation ($email: String!) { requestPasswordReset(email: $email) { success } }`, { email: c.email });
    expect(reset.data!.requestPasswordReset.success).toBe(true);
    await users.deliverAll();
    expect(await notificationsOf({ userId: c.userId }, 'password-reset')).toEqual([expect.objectContaining({ status: 'SENT' })]);
    expect(users.lastToken(c.email, 'reset-password')).toBeTruthy();
  });

  it('keeps SKIPPED notifications out of User.notifications and its total', async () => {
    const c = await users.register();
    await users.deliverAll(); // the welcome mail
    await deliver('cart.abandoned', { cartId: randomUUID(), userId: c.userId, itemCount: 1 });
    const [skipped] = await users.sql(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND status = 'SKIPPED'`, [c.userId]);
    expect(skipped.n).toBe(1);
    const res = await users.call(c, `query { me { notifications { totalCount edges { node { template status } } } } }`);
    expect(res.data!.me.notifications).toEqual({ totalCount: 1, edges: [{ node: { template: 'welcome', status: 'SENT' } }] });
  });
});
