import type { JobHandlers } from '../../../platform/queue/consumer';
import { jobHandlers, type EventsOf } from '../../../platform/queue/job-handlers';
import { subgraphRequest } from '../../../platform/subgraph';
import { createCatalogContext, type CatalogContext } from './context';
import type { CatalogDeps } from './deps';
import type { RepeatingJob } from '../../../platform/subgraph';
import { expireReservation, releaseExpiredReservations, RESERVATION_EXPIRY_JOB, RESERVATION_SWEEP_JOB } from './inventory/reservation.service';
import { onOrderConfirmed } from './sales/order-confirmed.event';

/** Every job name the catalog's queue carries, with its payload. */
export type CatalogJobs = EventsOf<'order.confirmed'> & {
  /** A reservation's time to live is over. */
  [RESERVATION_EXPIRY_JOB]: { reservationId: string };
  /** Look for held reservations past their expiry (a repeating job, see catalogRepeatingJobs). */
  [RESERVATION_SWEEP_JOB]: unknown;
};

/** The jobs and events the catalog subgraph consumes from its queue, by job name. */
export function catalogJobHandlers(deps: CatalogDeps): JobHandlers {
  return jobHandlers<CatalogContext, CatalogJobs>('catalog', deps.log, (info) => createCatalogContext(subgraphRequest(deps, info)), {
    /** Release the reservation if it is still held. */
    [RESERVATION_EXPIRY_JOB]: async (ctx, { reservationId }) => {
      const result = await expireReservation(ctx, reservationId);
      if (result.userErrors.length) ctx.log.warn({ reservationId, userErrors: result.userErrors }, 'expired reservation not found');
    },
    /** Releases held reservations whose expiry job was lost. */
    [RESERVATION_SWEEP_JOB]: async (ctx) => {
      const released = await releaseExpiredReservations(ctx);
      if (released) ctx.log.info({ released }, 'expired reservations released by the sweep');
    },
    'order.confirmed': onOrderConfirmed,
  });
}

/** The sweep for expired reservations, every STOCK_RESERVATION_SWEEP_MS. */
export function catalogRepeatingJobs(deps: CatalogDeps): RepeatingJob[] {
  return deps.config.reservationSweepMs ? [{ name: RESERVATION_SWEEP_JOB, everyMs: deps.config.reservationSweepMs }] : [];
}
