import type { JobHandlers } from '../../../platform/queue/consumer';
import { jobHandlers, type EventsOf } from '../../../platform/queue/job-handlers';
import type { RepeatingJob } from '../../../platform/subgraph';
import { subgraphRequest } from '../../../platform/subgraph';
import { mergeGuestCart } from './cart/cart-merge';
import { createCartContext, type CartContext } from './context';
import type { CartDeps } from './deps';
import { ABANDON_SWEEP_JOB, abandonIdleCarts } from './lifecycle/cart-abandonment';

/** Every job name the cart's queue carries, with its payload. */
export type CartJobs = EventsOf<'customer.signed-in'> & {
  /** Look for idle carts (a repeating job, see cartRepeatingJobs). */
  [ABANDON_SWEEP_JOB]: unknown;
};

/** The jobs and events the cart subgraph consumes from its queue, by job name. */
export function cartJobHandlers(deps: CartDeps): JobHandlers {
  return jobHandlers<CartContext, CartJobs>('cart', deps.log, (info) => createCartContext(subgraphRequest(deps, info)), {
    /** Marks idle carts ABANDONED. */
    [ABANDON_SWEEP_JOB]: async (ctx) => {
      const abandoned = await abandonIdleCarts(ctx, ctx.deps.now());
      if (abandoned) ctx.log.info({ abandoned }, 'idle carts abandoned');
    },
    /**
     * The fallback of the merge at sign-in: the login normally merged already (synchronously);
     * merging is idempotent, so a repeated or late delivery changes nothing.
     */
    'customer.signed-in': async (ctx, { userId, guestCartId }) => {
      if (!guestCartId) return;
      const result = await mergeGuestCart(ctx, guestCartId, userId);
      if (result.userErrors.length) ctx.log.info({ guestCartId, userErrors: result.userErrors }, 'guest cart not merged');
    },
  });
}

/** The sweep for idle carts, every CART_ABANDON_SWEEP_MS. */
export function cartRepeatingJobs(deps: CartDeps): RepeatingJob[] {
  return [{ name: ABANDON_SWEEP_JOB, everyMs: deps.config.abandonSweepMs }];
}
