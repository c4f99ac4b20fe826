import { startSubgraphForTest, type StartedSubgraph } from '../../../platform/testing/start-subgraph';
import type { CatalogDeps } from '../src/deps';
import { catalogSubgraph } from '../src/subgraph';

export type { StartedSubgraph };

/** The catalog subgraph and its worker on a fresh test database, with a cache namespace of its own. */
export function startCatalogForTest(queuePrefix: string, env: NodeJS.ProcessEnv = {}): Promise<StartedSubgraph<CatalogDeps>> {
  return startSubgraphForTest(catalogSubgraph, queuePrefix, { CATALOG_CACHE_NAMESPACE: queuePrefix, ...env });
}
