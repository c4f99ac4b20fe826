import type { JobHandlers } from '../../../platform/queue/consumer';
import type { EventPayloads } from '../../../platform/queue/events';
import type { ShippingDeps } from './deps';
import { onOrderCancelled, onOrderConfirmed } from './order/order-events';

/** The events the shipping subgraph consumes from its queue, by job name. */
export function shippingJobHandlers(deps: ShippingDeps): JobHandlers {
  return {
    'order.confirmed': async (job) => {
      await onOrderConfirmed(deps, String(job.id), job.data as EventPayloads['order.confirmed']);
    },
    'order.cancelled': async (job) => {
      await onOrderCancelled(deps, String(job.id), job.data as EventPayloads['order.cancelled']);
    },
  };
}
