import { createLogger } from '../logger';
import { jobRequestInfo } from './job-handlers';

describe('jobRequestInfo', () => {
  const log = createLogger('test', 'silent');

  it('names the subgraph as caller, carries no identity, and knows the last attempt', () => {
    const first = jobRequestInfo('users', { id: '42', name: 'notification.send', attemptsMade: 0, opts: { attempts: 3 } }, log);
    expect(first).toMatchObject({ requestId: 'job:users:42', caller: 'users', client: { ip: null, userAgent: null } });
    expect(first.identity).toBeUndefined();
    expect(first.job).toEqual({ id: '42', name: 'notification.send', attempt: 1, lastAttempt: false });
    expect(jobRequestInfo('users', { id: '42', name: 'notification.send', attemptsMade: 2, opts: { attempts: 3 } }, log).job?.lastAttempt).toBe(true);
    expect(jobRequestInfo('catalog', { id: '7', name: 'order.confirmed', attemptsMade: 0, opts: {} }, log).job?.lastAttempt).toBe(true);
  });
});
