import 'reflect-metadata';
import { ConfigError } from '../../../platform/config';
import { productionTestEnv } from '../../../platform/testing/test-secrets';
import orders from './subgraph';

describe('orders settings', () => {
  it('FAULT_INJECT names a point of the checkout outside production, and stops a production process from starting', () => {
    expect([...orders.readConfig({ NODE_ENV: 'test', FAULT_INJECT: 'checkout.after-capture:kill' }).faults]).toEqual([['checkout.after-capture', 'kill']]);
    expect(orders.readConfig({ NODE_ENV: 'test' }).faults.size).toBe(0);
    const production = { ...productionTestEnv(), REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(orders.readConfig(production).faults.size).toBe(0);
    let error: unknown;
    try {
      orders.readConfig({ ...production, FAULT_INJECT: 'checkout.after-capture:kill' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringContaining('FAULT_INJECT is a test-only setting')]);
  });
});
