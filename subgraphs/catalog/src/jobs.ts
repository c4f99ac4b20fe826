import type { JobHandlers } from '../../../platform/queue/consumer';
import { jobHandlers, type EventsOf } from '../../../platform/queue/job-handlers';
import { subgraphRequest } from '../../../platform/subgraph';
import { createCatalogContext, type CatalogContext } from './context';
import type { CatalogDeps } from './deps';
import { expireReservation, RESERVATION_EXPIRY_JOB } from './inventory/reservation.service';
import { onOrderConfirmed } from './sales/order-confirmed.event';

/** Every job name the catalog's queue carries, with its payload. */
export type CatalogJobs = EventsOf<'order.confirmed'> & {
  /** A reservation's time to live is over. */
  [RESERVATION_EXPIRY_JOB]: { reservationId: string };
};

/** The jobs and events the catalog subgraph consumes from its queue, by job name. */
export function catalogJobHandlers(deps: CatalogDeps): JobHandlers {
  return jobHandlers<CatalogContext, CatalogJobs>('catalog', deps.log, (info) => createCatalogContext(subgraphRequest(deps, info)), {
    /** Release the reservation if it is still held. */
    [RESERVATION_EXPIRY_JOB]: async (ctx, { reservationId }) => {
      const result = await expireReservation(ctx, reservationId);
      if (result.userErrors.length) ctx.log.warn({ reservationId, userErrors: result.userErrors }, 'expired reservation not found');
    },
    'order.confirmed': onOrderConfirmed,
  });
}
