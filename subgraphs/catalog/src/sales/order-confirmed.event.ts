import type { EventPayloads } from '../../../../platform/queue/events';
import { applyOncePerJob } from '../../../../platform/queue/consumer';
import { isUuid } from '../../../../platform/validation';
import { VISIBLE_TO_ALL } from '../common/consistency';
import { mergeLines } from '../inventory/allocation';
import type { CatalogContext } from '../context';
import { sql } from '../../../../platform/db/sql';
import { In } from 'typeorm';
import { ReviewEntity } from '../review/review.entity';

export const CONSUMER = 'catalog';

/**
 * An order was confirmed: count its units as sold (best sellers) and remember what the customer
 * bought (verified purchases, including reviews already written). Applied once per event, however
 * often BullMQ delivers it.
 */
export async function onOrderConfirmed(ctx: CatalogContext, event: EventPayloads['order.confirmed']): Promise<boolean> {
  const lines = mergeLines(event.lines.filter((l) => isUuid(l.productId) && Number.isInteger(l.quantity) && l.quantity > 0).map((l) => ({ productId: l.productId.toLowerCase(), quantity: l.quantity })));
  const ids = lines.map((l) => l.productId);
  const quantities = lines.map((l) => l.quantity);
  const applied = await applyOncePerJob(ctx, CONSUMER, async (m) => {
    if (!lines.length) return;
    await sql(
      m,
      'UPDATE products p SET units_sold = p.units_sold + v.quantity FROM unnest($1::uuid[], $2::int[]) AS v(id, quantity) WHERE p.id = v.id',
      [ids, quantities],
    );
    if (!event.userId || !isUuid(event.userId)) return;
    await sql(
      m,
      `INSERT INTO purchases (user_id, product_id, quantity, first_order_id)
       SELECT $1, v.id, v.quantity, $4 FROM unnest($2::uuid[], $3::int[]) AS v(id, quantity)
       ON CONFLICT (user_id, product_id) DO UPDATE SET quantity = purchases.quantity + EXCLUDED.quantity`,
      [event.userId, ids, quantities, event.orderId],
    );
    // updated_at is set by TypeORM (UpdateDateColumn)
    await m.update(ReviewEntity, { authorId: event.userId, productId: In(ids), isVerifiedPurchase: false }, { isVerifiedPurchase: true });
  }, VISIBLE_TO_ALL);
  // best sellers changed: drop cached responses (the products' cached data did not change)
  if (applied && lines.length) await ctx.catalogChanged({ productIds: ids, categories: false }, { data: false });
  return applied;
}
