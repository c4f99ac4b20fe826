import type { JobHandlers } from '../../../platform/queue/consumer';
import { jobHandlers, type EventsOf } from '../../../platform/queue/job-handlers';
import { subgraphRequest, type RepeatingJob } from '../../../platform/subgraph';
import { RECONCILE_JOB, reconcileSagas } from './checkout/checkout-reconcile';
import { createOrdersContext, type OrdersContext } from './context';
import type { OrdersDeps } from './deps';
import { onShipmentCreated, onShipmentDelivered } from './order/order-shipping.events';
import { reconcileReturns, RETURNS_RECONCILE_JOB } from './return/return-reconcile';

/** Every job name the orders queue carries, with its payload. */
export type OrdersJobs = EventsOf<'shipment.created' | 'shipment.delivered'> & {
  /** Look for stuck checkouts (a repeating job). */
  [RECONCILE_JOB]: unknown;
  /** Finish receipts of returns left unfinished (a repeating job). */
  [RETURNS_RECONCILE_JOB]: unknown;
};

/** The events and jobs the orders subgraph consumes, by job name. */
export function ordersJobHandlers(deps: OrdersDeps): JobHandlers {
  return jobHandlers<OrdersContext, OrdersJobs>('orders', deps.log, (info) => createOrdersContext(subgraphRequest(deps, info)), {
    'shipment.created': onShipmentCreated,
    'shipment.delivered': onShipmentDelivered,
    [RECONCILE_JOB]: async (ctx) => {
      const counts = await reconcileSagas(ctx);
      if (Object.keys(counts).length) ctx.log.info({ counts }, 'stuck checkouts moved');
    },
    [RETURNS_RECONCILE_JOB]: async (ctx) => {
      const counts = await reconcileReturns(ctx);
      if (Object.keys(counts).length) ctx.log.info({ counts }, 'unfinished return receipts moved');
    },
  });
}

/** The reconcile jobs (checkouts, return receipts), every ORDERS_RECONCILE_EVERY_MS. */
export function ordersRepeatingJobs(deps: OrdersDeps): RepeatingJob[] {
  return [
    { name: RECONCILE_JOB, everyMs: deps.config.reconcileEveryMs },
    { name: RETURNS_RECONCILE_JOB, everyMs: deps.config.reconcileEveryMs },
  ];
}
