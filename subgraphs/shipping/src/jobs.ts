import type { JobHandlers } from '../../../platform/queue/consumer';
import { jobHandlers, type EventsOf } from '../../../platform/queue/job-handlers';
import { subgraphRequest } from '../../../platform/subgraph';
import { createShippingContext, type ShippingContext } from './context';
import type { ShippingDeps } from './deps';
import { onOrderCancelled, onOrderConfirmed } from './order/order-events';

/** Every job name the shipping queue carries, with its payload. */
export type ShippingJobs = EventsOf<'order.confirmed' | 'order.cancelled'>;

/** The events the shipping subgraph consumes from its queue, by job name. */
export function shippingJobHandlers(deps: ShippingDeps): JobHandlers {
  return jobHandlers<ShippingContext, ShippingJobs>('shipping', deps.log, (info) => createShippingContext(subgraphRequest(deps, info)), {
    'order.confirmed': onOrderConfirmed,
    'order.cancelled': onOrderCancelled,
  });
}
