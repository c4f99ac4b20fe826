import { join } from 'node:path';
import type { SubgraphDefinition } from '../platform/subgraph';
import { SUBGRAPH_NAMES, type SubgraphName } from './registry';

/**
 * A registered subgraph's definition, found by convention: the default export of
 * `subgraphs/<name>/src/subgraph.ts`. For the programs that run every subgraph (composition,
 * seed, tests); a subgraph itself never loads another.
 */
export function loadSubgraph(name: SubgraphName): SubgraphDefinition {
  const file = join(__dirname, name, 'src', 'subgraph');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the folder is named by the registry
  const definition = (require(file) as { default?: SubgraphDefinition }).default;
  if (definition?.name !== name) throw new Error(`${file} must export default defineSubgraph({ name: '${name}', … })`);
  return definition;
}

export const loadSubgraphs = (): SubgraphDefinition[] => SUBGRAPH_NAMES.map(loadSubgraph);
