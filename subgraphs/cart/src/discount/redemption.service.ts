import { sql } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { fromCents, toCents } from '../common/cents';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import type { CartContext } from '../context';
import { refuse } from '../cart/cart-write';
import { DISCOUNT_COLUMNS, type DiscountRow } from './discount-row';
import { DiscountError } from './discount.errors';
import { inapplicable, REASON_MESSAGES } from './discount.rules';

export interface Redemption {
  code: string;
  amount: string;
  currencyCode: string;
  released: boolean;
}

export interface RedemptionResult {
  redemptions: Redemption[];
  discountTotal: string;
  currencyCode: string;
  userErrors: UserError[];
}

const failed = (...userErrors: UserError[]): RedemptionResult => ({ redemptions: [], discountTotal: '0.00', currencyCode: 'USD', userErrors });

async function redemptionsOf(scope: CartContext, reference: string): Promise<Redemption[]> {
  return scope.db.readPrimary((m) =>
    sql(m, 
      `SELECT d.code, r.amount::text AS amount, r.currency_code AS "currencyCode", r.released_at IS NOT NULL AS released
         FROM discount_redemptions r JOIN discount_codes d ON d.id = r.discount_code_id
        WHERE r.reference = $1 ORDER BY r.id`,
      [reference],
    ),
  );
}

function summary(redemptions: Redemption[]): RedemptionResult {
  const live = redemptions.filter((r) => !r.released);
  return {
    redemptions,
    discountTotal: fromCents(live.reduce((sum, r) => sum + toCents(r.amount), 0)),
    currencyCode: redemptions[0]?.currencyCode ?? 'USD',
    userErrors: [],
  };
}

/**
 * Uses every code of the cart once for `reference` (e.g. the order id). Idempotent: a
 * reference that already redeemed answers what it redeemed. Each code's row is locked while its
 * use is counted, so concurrent checkouts never take a code past its usage limit; when any code
 * does not apply (any more), nothing is redeemed (DISCOUNT_CODE_INVALID).
 */
export async function redeemCodes(scope: CartContext, reference: string, cartId: string, userIdArg: string | null): Promise<RedemptionResult> {
  if (!reference.trim() || reference.length > 200) return failed(userError(DiscountError.INVALID, 'reference must be 1 to 200 characters', 'reference'));
  const earlier = await redemptionsOf(scope, reference);
  if (earlier.length) return summary(earlier);
  if (!isUuid(cartId)) return failed(userError(DiscountError.NOT_FOUND, 'There is no such cart', 'cartId'));
  const cart = await scope.loaders.cartById.load(cartId.toLowerCase());
  if (!cart) return failed(userError(DiscountError.NOT_FOUND, 'There is no such cart', 'cartId'));
  const userId = userIdArg ?? cart.userId;
  const totals = await scope.totals(cart);
  const subtotal = toCents(totals.subtotal);
  // the cart is redeemed as the customer saw it: a code that no longer applies fails the redemption
  const stale = totals.codes.filter((c) => !c.applicable);
  if (stale.length) {
    return failed(...stale.map((c) => userError(DiscountError.DISCOUNT_CODE_INVALID, `${c.code}: ${c.message ?? 'not applicable'}`, 'cartId')));
  }
  const applicable = totals.codes;
  if (!applicable.length) return summary([]);
  try {
    await scope.db.write(async (m) => {
      for (const code of applicable) {
        const [rule] = await sql<DiscountRow>(m, `SELECT ${DISCOUNT_COLUMNS} FROM discount_codes d WHERE d.id = $1 FOR UPDATE`, [code.discountId]);
        const [{ uses }] = userId
          ? await sql<{ uses: number }>(m, 'SELECT count(*)::int AS uses FROM discount_redemptions WHERE discount_code_id = $1 AND user_id = $2 AND released_at IS NULL', [rule.id, userId])
          : [{ uses: 0 }];
        const reason = inapplicable(rule, subtotal, scope.deps.now(), uses);
        if (reason) refuse(userError(DiscountError.DISCOUNT_CODE_INVALID, `${code.code}: ${REASON_MESSAGES[reason]}`, 'cartId'));
        const bumped = await sql(m, 
          'UPDATE discount_codes SET usage_count = usage_count + 1 WHERE id = $1 AND (usage_limit IS NULL OR usage_count < usage_limit) RETURNING id',
          [rule.id],
        );
        if (!bumped.length) refuse(userError(DiscountError.DISCOUNT_CODE_INVALID, `${code.code}: ${REASON_MESSAGES.EXHAUSTED}`, 'cartId'));
        await sql(m, 
          `INSERT INTO discount_redemptions (reference, discount_code_id, cart_id, user_id, amount, currency_code) VALUES ($1, $2, $3, $4, $5, $6)`,
          [reference, rule.id, cart.id, userId, code.amount, totals.currencyCode],
        );
      }
    });
  } catch (error) {
    const refused = (error as { userErrors?: UserError[] }).userErrors;
    if (refused) return failed(...refused);
    // the same reference redeemed concurrently: answer what that call redeemed
    if (uniqueViolation(error) === 'discount_redemptions_once') return summary(await redemptionsOf(scope, reference));
    throw error;
  }
  return summary(await redemptionsOf(scope, reference));
}

/** Gives back every code `reference` redeemed (a cancelled or failed checkout). Idempotent: answers how many were released now. */
export async function releaseCodes(scope: CartContext, reference: string): Promise<number> {
  const rows = await scope.db.write((m) =>
    sql(m, 
      `WITH released AS (
         UPDATE discount_redemptions SET released_at = now() WHERE reference = $1 AND released_at IS NULL RETURNING discount_code_id
       )
       UPDATE discount_codes d SET usage_count = d.usage_count - 1 FROM released r WHERE d.id = r.discount_code_id RETURNING d.id`,
      [reference],
    ),
  );
  return rows.length;
}
