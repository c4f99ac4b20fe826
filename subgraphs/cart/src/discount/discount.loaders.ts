import { sql } from '../../../../platform/db/sql';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import { DISCOUNT_COLUMNS, type DiscountRow } from './discount-row';

export function discountLoaders(db: RequestDb) {
  return {
    /** By code (upper case). */
    discountByCode: rowLoader(
      (codes: readonly string[]): Promise<DiscountRow[]> =>
        db.read((m) => sql(m, `SELECT ${DISCOUNT_COLUMNS} FROM discount_codes d WHERE d.code = ANY($1::text[])`, [codes])),
      (d) => d.code,
    ),
    /** How often each customer has redeemed each code (redemptions not released). */
    usesByCustomer: groupLoader(
      (userIds: readonly string[]): Promise<{ userId: string; discountId: string; uses: number }[]> =>
        db.read((m) =>
          sql(m, 
            `SELECT user_id::text AS "userId", discount_code_id::text AS "discountId", count(*)::int AS uses
               FROM discount_redemptions WHERE user_id = ANY($1::uuid[]) AND released_at IS NULL GROUP BY 1, 2`,
            [userIds],
          ),
        ),
      (r) => r.userId,
    ),
  };
}
