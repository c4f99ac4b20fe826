import { startSubgraphForTest, type StartedSubgraph } from '../../../platform/testing/start-subgraph';
import { openCartDeps, type CartDeps } from '../src/deps';
import { cartSubgraph } from '../src/subgraph';

export type { StartedSubgraph };

/** The cart's clock in tests: real time moved by `offsetMs` (the server and the worker read it). */
export const testClock = {
  offsetMs: 0,
  now: (): Date => new Date(Date.now() + testClock.offsetMs),
};

/**
 * The cart subgraph and its worker on a fresh test database, on the test clock, sweeping for idle
 * carts every 200 ms. `env` gives CATALOG_URL (the catalog the cart calls).
 */
export function startCartForTest(queuePrefix: string, env: NodeJS.ProcessEnv = {}): Promise<StartedSubgraph<CartDeps>> {
  const onTestClock = { ...cartSubgraph, openDeps: (config: CartDeps['config'], log: CartDeps['log']) => openCartDeps(config, log, { now: testClock.now }) };
  return startSubgraphForTest(onTestClock, queuePrefix, { CART_ABANDON_SWEEP_MS: '200', ...env });
}
