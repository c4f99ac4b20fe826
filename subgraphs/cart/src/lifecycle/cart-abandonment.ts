import { sql } from '../../../../platform/db/sql';
import { publish } from '../../../../platform/queue/outbox';
import type { CartContext } from '../context';

export const ABANDON_SWEEP_JOB = 'cart.abandon-idle';

/** How many idle carts one sweep marks at most; the next sweep takes the rest. */
const BATCH = 500;

/**
 * Marks ACTIVE carts unchanged since before `now - abandonAfterSeconds` as ABANDONED and, for each
 * customer cart holding items, publishes `cart.abandoned` (users sends the reminder) in the same
 * transaction. Carts being changed right now are skipped (SKIP LOCKED) and stay ACTIVE.
 */
export async function abandonIdleCarts(ctx: CartContext, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - ctx.deps.config.abandonAfterSeconds * 1000);
  return ctx.db.write(async (m) => {
    const rows = await sql<{ cartId: string; userId: string | null; itemCount: number }>(m, 
        `WITH idle AS (
           SELECT id FROM carts WHERE status = 'ACTIVE' AND updated_at < $1 ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED
         )
         UPDATE carts c SET status = 'ABANDONED', abandoned_at = $2 FROM idle WHERE c.id = idle.id
         RETURNING c.id::text AS "cartId", c.user_id::text AS "userId",
                   (SELECT coalesce(sum(quantity), 0)::int FROM cart_lines l WHERE l.cart_id = c.id) AS "itemCount"`,
        [cutoff, now, BATCH],
    );
    for (const row of rows) {
      if (row.userId && row.itemCount > 0) await publish(m, 'cart.abandoned', { cartId: row.cartId, userId: row.userId, itemCount: row.itemCount });
    }
    return rows.length;
  });
}
