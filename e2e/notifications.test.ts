import { waitFor } from '../platform/infra/processes';
import { sharedStack } from './shared-stack';
import type { StackClient } from './stack-client';
import { storefront as op } from './operations';

let stack: StackClient;
beforeAll(async () => {
  stack = await sharedStack();
});
afterAll(() => stack?.stop());

describe('MyNotifications', () => {
  it('lists the welcome mail, sent by the worker after registration', async () => {
    const c = await stack.registerCustomer('Nora');
    let node: Record<string, unknown> | undefined;
    await waitFor('the welcome mail to be sent', async () => {
      await stack.drainOutboxes();
      const res = await stack.call(op.MyNotifications, { first: 5 }, c.accessToken);
      node = res.data!.me.notifications.edges[0]?.node;
      return node?.status === 'SENT';
    }, 20_000, 100);
    expect(node).toMatchObject({ channel: 'EMAIL', template: 'welcome', status: 'SENT', sentAt: expect.any(String), createdAt: expect.any(String) });
    const res = await stack.call(op.MyNotifications, { first: 5 }, c.accessToken);
    expect(res.data!.me.notifications.totalCount).toBe(1);
  });

  it('gives guests nothing: me is null', async () => {
    const res = await stack.call(op.MyNotifications, { first: 5 });
    expect(res.data!.me).toBeNull();
  });
});

describe('MyNotificationPreferences and UpdateNotificationPreferences', () => {
  it('reads the defaults, changes some combinations and reads them back through the gateway', async () => {
    const c = await stack.registerCustomer('Pia');
    const defaults = (await stack.call(op.MyNotificationPreferences, {}, c.accessToken)).data!.me.notificationPreferences;
    expect(defaults.map((p: { channel: string; kind: string; enabled: boolean; isDefault: boolean }) => `${p.channel}:${p.kind}:${p.enabled}:${p.isDefault}`)).toEqual([
      'EMAIL:ORDERS:true:true', 'EMAIL:SHIPPING:true:true', 'EMAIL:MARKETING:false:true', 'SMS:ORDERS:false:true', 'SMS:SHIPPING:false:true',
    ]);

    const input = { preferences: [{ channel: 'SMS', kind: 'SHIPPING', enabled: true }, { channel: 'EMAIL', kind: 'MARKETING', enabled: true }] };
    const updated = await stack.call(op.UpdateNotificationPreferences, { input }, c.accessToken);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateNotificationPreferences.userErrors).toEqual([]);
    const changed = updated.data!.updateNotificationPreferences.notificationPreferences;
    expect(changed[2]).toEqual({ channel: 'EMAIL', kind: 'MARKETING', enabled: true, isDefault: false });
    expect(changed[4]).toEqual({ channel: 'SMS', kind: 'SHIPPING', enabled: true, isDefault: false });
    // the caller reads its own write at once (the gateway carries the consistency token)
    const read = await stack.call(op.MyNotificationPreferences, {}, c.accessToken);
    expect(read.data!.me.notificationPreferences).toEqual(changed);
  });

  it('refuses SMS for MARKETING with INVALID and guests with UNAUTHENTICATED', async () => {
    const c = await stack.registerCustomer();
    const invalid = await stack.call(op.UpdateNotificationPreferences, { input: { preferences: [{ channel: 'SMS', kind: 'MARKETING', enabled: true }] } }, c.accessToken);
    expect(invalid.data!.updateNotificationPreferences).toMatchObject({ notificationPreferences: null, userErrors: [{ code: 'INVALID', field: 'input.preferences.0' }] });
    const asGuest = await stack.call(op.UpdateNotificationPreferences, { input: { preferences: [{ channel: 'EMAIL', kind: 'ORDERS', enabled: false }] } });
    expect(asGuest.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await stack.call(op.MyNotificationPreferences, {})).data!.me).toBeNull();
  });
});
