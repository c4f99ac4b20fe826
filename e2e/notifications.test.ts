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
