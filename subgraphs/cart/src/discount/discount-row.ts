import type { DiscountRule } from './discount.rules';

export interface DiscountRow extends DiscountRule {
  createdAt: Date;
}

export const DISCOUNT_COLUMNS = `d.id::text AS id, d.code, d.kind, d.value::text AS value, d.minimum_subtotal::text AS "minimumSubtotal",
  d.usage_limit AS "usageLimit", d.usage_count AS "usageCount", d.per_customer_limit AS "perCustomerLimit",
  d.starts_at AS "startsAt", d.expires_at AS "expiresAt", d.created_at AS "createdAt"`;
