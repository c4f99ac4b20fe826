import type { SubgraphDefinition } from '../../../platform/subgraph';
import { readCatalogConfig, type CatalogConfig } from './config';
import { closeCatalogDeps, openCatalogDeps, type CatalogDeps } from './deps';
import { catalogJobHandlers } from './jobs';
import { createServer } from './server';

export const catalogSubgraph: SubgraphDefinition<CatalogConfig, CatalogDeps> = {
  name: 'catalog',
  readConfig: readCatalogConfig,
  openDeps: openCatalogDeps,
  closeDeps: closeCatalogDeps,
  createServer,
  jobHandlers: (deps) => catalogJobHandlers(deps),
};
