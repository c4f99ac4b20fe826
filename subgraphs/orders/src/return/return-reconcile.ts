import { sql } from '../../../../platform/db/sql';
import type { OrdersContext } from '../context';
import { ReturnRequestEntity } from './return.entity';
import { driveReceipt } from './return-receipt';

export const RETURNS_RECONCILE_JOB = 'returns.reconcile';
const BATCH = 20;

/**
 * The repeating job: receipts started and not finished (the request failed, or its process died)
 * whose claim is given up or ran out are claimed (FOR UPDATE SKIP LOCKED: a parallel run or a
 * request takes others) and driven on; each outcome is counted.
 */
export async function reconcileReturns(ctx: OrdersContext): Promise<Record<string, number>> {
  const now = ctx.deps.now();
  const claimed = await ctx.db.write((m) =>
    sql<{ id: string }>(
      m,
      `UPDATE return_requests SET claimed_until = $2
       WHERE id IN (
         SELECT id FROM return_requests
         WHERE status = 'APPROVED' AND receipt_started_at IS NOT NULL AND (claimed_until IS NULL OR claimed_until < $1)
         ORDER BY receipt_started_at LIMIT $3 FOR UPDATE SKIP LOCKED
       )
       RETURNING id::text`,
      [now, new Date(now.getTime() + ctx.deps.config.sagaDeadlineSeconds * 1000), BATCH],
    ),
  );
  const counts: Record<string, number> = {};
  for (const { id } of claimed) {
    const r = await ctx.db.readPrimary((m) => m.findOneBy(ReturnRequestEntity, { id }));
    if (!r) continue;
    const result = await driveReceipt(ctx, r);
    const outcome = result.userErrors[0]?.code ?? 'received';
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  return counts;
}
