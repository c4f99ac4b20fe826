import type { SubgraphDeps } from '../../../platform/subgraph';
import type { OrdersConfig } from './config';

/** The shared dependencies and a clock (the reconcile job's deadlines; tests move it). */
export interface OrdersDeps extends SubgraphDeps<OrdersConfig> {
  now(): Date;
}

export function ordersDeps(): Pick<OrdersDeps, 'now'> {
  return { now: () => new Date() };
}
