import type { SubgraphRequest } from '../../../platform/subgraph';
import type { ShippingDeps } from './deps';
import { createLoaders, type ShippingLoaders } from './loaders';

/** A shipping request or job: the platform's context and this request's DataLoaders. */
export interface ShippingContext extends SubgraphRequest<ShippingDeps> {
  loaders: ShippingLoaders;
}

export function createShippingContext(request: SubgraphRequest<ShippingDeps>): ShippingContext {
  return { ...request, loaders: createLoaders(request.db) };
}
