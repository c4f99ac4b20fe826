import type { SubgraphDefinition } from '../../../platform/subgraph';
import { readCartConfig, type CartConfig } from './config';
import { closeCartDeps, openCartDeps, type CartDeps } from './deps';
import { cartJobHandlers, cartRepeatingJobs } from './jobs';
import { createServer } from './server';

export const cartSubgraph: SubgraphDefinition<CartConfig, CartDeps> = {
  name: 'cart',
  readConfig: readCartConfig,
  openDeps: (config, log) => openCartDeps(config, log),
  closeDeps: closeCartDeps,
  createServer,
  jobHandlers: (deps) => cartJobHandlers(deps),
  repeatingJobs: (deps) => cartRepeatingJobs(deps),
};
