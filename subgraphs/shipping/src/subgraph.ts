import type { SubgraphDefinition } from '../../../platform/subgraph';
import { readShippingConfig, type ShippingConfig } from './config';
import { closeShippingDeps, openShippingDeps, type ShippingDeps } from './deps';
import { shippingJobHandlers } from './jobs';
import { createServer } from './server';

export const shippingSubgraph: SubgraphDefinition<ShippingConfig, ShippingDeps> = {
  name: 'shipping',
  readConfig: readShippingConfig,
  openDeps: openShippingDeps,
  closeDeps: closeShippingDeps,
  createServer,
  jobHandlers: (deps) => shippingJobHandlers(deps),
};
