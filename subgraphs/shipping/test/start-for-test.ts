import { startSubgraphForTest, type StartedSubgraph } from '../../../platform/testing/start-subgraph';
import type { ShippingDeps } from '../src/deps';
import { shippingSubgraph } from '../src/subgraph';

export type { StartedSubgraph };

/** The shipping subgraph and its worker on a fresh test database. */
export function startShippingForTest(queuePrefix: string, env: NodeJS.ProcessEnv = {}): Promise<StartedSubgraph<ShippingDeps>> {
  return startSubgraphForTest(shippingSubgraph, queuePrefix, env);
}
