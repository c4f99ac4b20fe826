import 'reflect-metadata';
import { createLogger } from '../platform/logger';
import { seedSubgraph } from '../platform/subgraph-runtime';
import { loadSubgraph } from '../subgraphs/definitions';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/registry';

/**
 * The demo shop: seeds every registered subgraph in registry order (or the ones named on the
 * command line), each from its own configuration. Idempotent.
 */
async function main() {
  const log = createLogger('seed');
  const names = process.argv.length > 2 ? (process.argv.slice(2) as SubgraphName[]) : SUBGRAPH_NAMES;
  for (const name of names) {
    if (!SUBGRAPH_NAMES.includes(name)) throw new Error(`unknown subgraph ${name} (registered: ${SUBGRAPH_NAMES.join(', ')})`);
    await seedSubgraph(loadSubgraph(name), log);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
