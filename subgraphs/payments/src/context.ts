import type { SubgraphRequest } from '../../../platform/subgraph';
import type { PaymentsDeps } from './deps';
import { createLoaders, type PaymentsLoaders } from './loaders';

/** A payments request (or job): the platform's context and this request's DataLoaders. */
export interface PaymentsContext extends SubgraphRequest<PaymentsDeps> {
  loaders: PaymentsLoaders;
}

export function createPaymentsContext(request: SubgraphRequest<PaymentsDeps>): PaymentsContext {
  return { ...request, loaders: createLoaders(request.db) };
}
