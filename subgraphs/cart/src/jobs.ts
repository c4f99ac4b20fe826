import type { Job } from 'bullmq';
import type { JobHandlers } from '../../../platform/queue/consumer';
import type { EventPayloads } from '../../../platform/queue/events';
import { mergeGuestCart } from './cart/cart-merge';
import { jobScope } from './context';
import type { CartDeps } from './deps';
import { ABANDON_SWEEP_JOB, abandonIdleCarts } from './lifecycle/cart-abandonment';

/** The jobs and events the cart subgraph consumes from its queue, by job name. */
export function cartJobHandlers(deps: CartDeps): JobHandlers {
  return {
    /** Marks idle carts ABANDONED (a repeating job, see cartRepeatingJobs). */
    [ABANDON_SWEEP_JOB]: async () => {
      const abandoned = await abandonIdleCarts(deps, deps.now());
      if (abandoned) deps.log.info({ abandoned }, 'idle carts abandoned');
    },
    /**
     * The fallback of the merge at sign-in: the login normally merged already (synchronously);
     * merging is idempotent, so a repeated or late delivery changes nothing.
     */
    'customer.signed-in': async (job: Job<EventPayloads['customer.signed-in']>) => {
      const { userId, guestCartId } = job.data;
      if (!guestCartId) return;
      const result = await mergeGuestCart(jobScope(deps, `job-${job.id}`), guestCartId, userId);
      if (result.userErrors.length) deps.log.info({ guestCartId, userErrors: result.userErrors }, 'guest cart not merged');
    },
  };
}

export function cartRepeatingJobs(deps: CartDeps) {
  return [{ name: ABANDON_SWEEP_JOB, everyMs: deps.config.abandonSweepMs }];
}
