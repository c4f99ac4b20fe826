import { DiscountCodeEntity } from './discount/discount.entity';
import type { CartDeps } from './deps';

/** The demo shop's discount codes: WELCOME10 (10 % off) and SAVE5 (5.00 off from 25.00). Idempotent. */
export async function seedDemoDiscounts({ database, log }: CartDeps): Promise<void> {
  const result = await database.dataSource
    .createQueryBuilder()
    .insert()
    .into(DiscountCodeEntity)
    .values([
      { code: 'WELCOME10', kind: 'PERCENTAGE', value: '10', minimumSubtotal: null },
      { code: 'SAVE5', kind: 'FIXED_AMOUNT', value: '5', minimumSubtotal: '25' },
    ])
    .orIgnore()
    .returning(['code'])
    .execute();
  const added = result.raw as unknown[];
  log.info({ added: added.length }, added.length ? 'seeded the demo discount codes' : 'the demo discount codes are already there');
}
