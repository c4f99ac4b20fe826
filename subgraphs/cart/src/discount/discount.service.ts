import { sql } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isMoneyAmount } from '../../../../platform/validation';
import { toCents } from '../common/cents';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import type { CartContext } from '../context';
import { MAX_CODE_LENGTH, MAX_CODES, normaliseCodes } from '../cart/cart.rules';
import { CartDiscountCodeEntity } from '../cart/cart.entity';
import { CartError } from '../cart/cart.errors';
import { changeCart, refuse, type CartResult } from '../cart/cart-write';
import { DISCOUNT_COLUMNS, type DiscountRow } from './discount-row';
import { DiscountError } from './discount.errors';
import type { DiscountKind } from './discount.rules';

export interface NewDiscount {
  code: string;
  kind: DiscountKind;
  value: string;
  minimumSubtotal?: string | null;
  usageLimit?: number | null;
  perCustomerLimit?: number | null;
  startsAt?: Date | null;
  expiresAt?: Date | null;
}

export async function createDiscount(scope: CartContext, input: NewDiscount): Promise<{ discount: DiscountRow | null; userErrors: UserError[] }> {
  const code = input.code.trim().toUpperCase();
  const errors: UserError[] = [];
  if (!/^[A-Z0-9_-]{1,64}$/.test(code)) errors.push(userError(DiscountError.INVALID, 'A code is 1 to 64 letters, digits, "-" or "_"', 'input.code'));
  const value = isMoneyAmount(input.value) ? toCents(input.value) : 0;
  if (value <= 0) errors.push(userError(DiscountError.INVALID, 'value must be more than 0, with at most 2 decimals', 'input.value'));
  if (input.kind === 'PERCENTAGE' && value > 10_000) errors.push(userError(DiscountError.INVALID, 'A percentage is at most 100', 'input.value'));
  if (input.minimumSubtotal != null && !isMoneyAmount(input.minimumSubtotal)) {
    errors.push(userError(DiscountError.INVALID, 'minimumSubtotal must not be negative, with at most 2 decimals', 'input.minimumSubtotal'));
  }
  if (input.usageLimit != null && input.usageLimit < 1) errors.push(userError(DiscountError.INVALID, 'usageLimit must be at least 1', 'input.usageLimit'));
  if (input.perCustomerLimit != null && input.perCustomerLimit < 1) errors.push(userError(DiscountError.INVALID, 'perCustomerLimit must be at least 1', 'input.perCustomerLimit'));
  if (input.startsAt && input.expiresAt && input.expiresAt <= input.startsAt) errors.push(userError(DiscountError.INVALID, 'expiresAt must be after startsAt', 'input.expiresAt'));
  if (errors.length) return { discount: null, userErrors: errors };
  try {
    const discount = await scope.db.write(async (m) => {
      const [row] = await sql<DiscountRow>(m, 
        `INSERT INTO discount_codes AS d (code, kind, value, minimum_subtotal, usage_limit, per_customer_limit, starts_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${DISCOUNT_COLUMNS}`,
        [code, input.kind, input.value, input.minimumSubtotal ?? null, input.usageLimit ?? null, input.perCustomerLimit ?? null, input.startsAt ?? null, input.expiresAt ?? null],
      );
      return row as DiscountRow;
    });
    return { discount, userErrors: [] };
  } catch (error) {
    if (uniqueViolation(error) === 'discount_codes_code_unique') {
      return { discount: null, userErrors: [userError(DiscountError.TAKEN, 'A discount code with this code already exists', 'input.code')] };
    }
    throw error;
  }
}

/**
 * Replaces the cart's codes. Every code is kept and listed (applicable or not); each one that does
 * not apply now also comes back as a DISCOUNT_CODE_INVALID userError.
 */
export async function setCartCodes(scope: CartContext, userId: string | undefined, cartId: string, codes: string[]): Promise<CartResult> {
  const wanted = normaliseCodes(codes);
  const result = await changeCart(scope, userId, cartId, async (m, cart) => {
    if (wanted.length > MAX_CODES) refuse(userError(CartError.INVALID, `At most ${MAX_CODES} discount codes per cart`, 'codes'));
    const tooLong = wanted.findIndex((c) => c.length > MAX_CODE_LENGTH);
    if (tooLong >= 0) refuse(userError(CartError.INVALID, `A code is at most ${MAX_CODE_LENGTH} characters`, `codes.${tooLong}`));
    await m.delete(CartDiscountCodeEntity, { cartId: cart.id });
    if (wanted.length) {
      await sql(m, 
        'INSERT INTO cart_discount_codes (cart_id, code, position) SELECT $1, c, p FROM unnest($2::text[]) WITH ORDINALITY AS t(c, p)',
        [cart.id, wanted],
      );
    }
  });
  if (!result.cart || result.userErrors.length) return result;
  const totals = await scope.totals(result.cart);
  const userErrors = totals.codes.flatMap((c, i) =>
    c.applicable ? [] : [userError(CartError.DISCOUNT_CODE_INVALID, `${c.code}: ${c.message ?? 'not applicable'}`, `codes.${i}`)],
  );
  return { cart: result.cart, userErrors };
}

