import { toCents } from '../common/cents';

export type DiscountKind = 'PERCENTAGE' | 'FIXED_AMOUNT';

/** A discount code as the rules need it. */
export interface DiscountRule {
  id: string;
  code: string;
  kind: DiscountKind;
  value: string;
  minimumSubtotal: string | null;
  usageLimit: number | null;
  usageCount: number;
  perCustomerLimit: number | null;
  startsAt: Date | null;
  expiresAt: Date | null;
}

export type InapplicableReason = 'UNKNOWN' | 'NOT_STARTED' | 'EXPIRED' | 'EXHAUSTED' | 'BELOW_MINIMUM' | 'CUSTOMER_LIMIT';

export const REASON_MESSAGES: Record<InapplicableReason, string> = {
  UNKNOWN: 'There is no such discount code',
  NOT_STARTED: 'This discount code is not valid yet',
  EXPIRED: 'This discount code has expired',
  EXHAUSTED: 'This discount code has been used up',
  BELOW_MINIMUM: 'The cart is below the minimum subtotal of this discount code',
  CUSTOMER_LIMIT: 'You have already used this discount code as often as it allows',
};

/** Why `rule` does not apply to a cart of `subtotalCents` at `now`, or null when it applies. */
export function inapplicable(
  rule: DiscountRule | null | undefined,
  subtotalCents: number,
  now: Date,
  customerUses = 0,
): InapplicableReason | null {
  if (!rule) return 'UNKNOWN';
  if (rule.startsAt && rule.startsAt > now) return 'NOT_STARTED';
  if (rule.expiresAt && rule.expiresAt <= now) return 'EXPIRED';
  if (rule.usageLimit !== null && rule.usageCount >= rule.usageLimit) return 'EXHAUSTED';
  if (rule.perCustomerLimit !== null && customerUses >= rule.perCustomerLimit) return 'CUSTOMER_LIMIT';
  if (rule.minimumSubtotal !== null && subtotalCents < toCents(rule.minimumSubtotal)) return 'BELOW_MINIMUM';
  return null;
}

/** What one applicable code takes off a subtotal: a percentage of it, or a fixed amount, never more than the subtotal. */
export function discountCents(rule: Pick<DiscountRule, 'kind' | 'value'>, subtotalCents: number): number {
  const off = rule.kind === 'PERCENTAGE' ? Math.round((subtotalCents * toCents(rule.value)) / 10_000) : toCents(rule.value);
  return Math.max(0, Math.min(off, subtotalCents));
}
