import type { JobHandlers } from '../../../platform/queue/consumer';
import type { EventPayloads } from '../../../platform/queue/events';
import type { CatalogDeps } from './deps';
import { expireReservation, RESERVATION_EXPIRY_JOB } from './inventory/reservation.service';
import { workerStockScope } from './inventory/stock-scope';
import { onOrderConfirmed } from './sales/order-confirmed.event';

/** The jobs and events the catalog subgraph consumes from its queue, by job name. */
export function catalogJobHandlers(deps: CatalogDeps): JobHandlers {
  return {
    /** A reservation's time to live is over: release it if it is still held. */
    [RESERVATION_EXPIRY_JOB]: async (job) => {
      const { reservationId } = job.data as { reservationId: string };
      const result = await expireReservation(workerStockScope(deps), reservationId);
      if (result.userErrors.length) deps.log.warn({ reservationId, userErrors: result.userErrors }, 'expired reservation not found');
    },
    'order.confirmed': async (job) => {
      await onOrderConfirmed(deps, String(job.id), job.data as EventPayloads['order.confirmed']);
    },
  };
}
