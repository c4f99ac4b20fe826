import { createSubgraphServer, type SubgraphServer } from '../../../platform/http/subgraph-server';
import { createContext } from './context';
import type { CartDeps } from './deps';
import { buildCartSchema } from './schema';

/** The cart subgraph's HTTP server, built from its dependencies; used by main.ts and by tests. */
export async function createServer(deps: CartDeps): Promise<SubgraphServer> {
  return createSubgraphServer({
    name: 'cart',
    schema: await buildCartSchema(),
    internalSecret: deps.config.internalSecret,
    production: deps.config.production,
    log: deps.log,
    createContext: (info) => createContext(deps, info),
    ready: async () => {
      await deps.database.dataSource.query('SELECT 1');
      await deps.redis.ping();
    },
  });
}
