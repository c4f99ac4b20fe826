import type { SubgraphRequest } from '../../../platform/subgraph';
import type { OrdersDeps } from './deps';
import { createLoaders, type OrdersLoaders } from './loaders';

/** An orders request (or job): the platform's context and this request's DataLoaders. */
export interface OrdersContext extends SubgraphRequest<OrdersDeps> {
  loaders: OrdersLoaders;
}

export function createOrdersContext(request: SubgraphRequest<OrdersDeps>): OrdersContext {
  return { ...request, loaders: createLoaders(request.db) };
}
