import { fromCents, toCents } from '../common/cents';
import type { CatalogProduct } from '../catalog/catalog-products';
import { discountCents, inapplicable, REASON_MESSAGES, type DiscountRule, type InapplicableReason } from '../discount/discount.rules';

export interface LineRow {
  id: string;
  cartId: string;
  productId: string;
  quantity: number;
  unitPrice: string;
  currencyCode: string;
  notice: string | null;
}

export type WarningCode = 'PRICE_CHANGED' | 'INSUFFICIENT_STOCK' | 'PRODUCT_UNAVAILABLE';

export interface Warning {
  code: WarningCode;
  message: string;
  lineId: string | null;
}

export interface PricedLine {
  /** What one unit costs now (the kept price when the catalog no longer knows the product). */
  currentUnitPrice: string;
  lineTotal: string;
}

export interface AppliedCode {
  code: string;
  applicable: boolean;
  reason: InapplicableReason | null;
  message: string | null;
  /** What this code takes off (0 when not applicable). */
  amount: string;
  discountId: string | null;
}

export interface CartTotals {
  currencyCode: string;
  lines: Map<string, PricedLine>;
  subtotal: string;
  discountTotal: string;
  total: string;
  totalQuantity: number;
  /** Kilograms, three decimals; lines whose product has no weight count as 0. */
  weight: string;
  codes: AppliedCode[];
  warnings: Warning[];
}

export const QUANTITY_CAPPED = 'QUANTITY_CAPPED';

/**
 * A cart's money, from its lines, the products as the catalog sees them now, and its codes:
 * every total uses the current price; warnings tell where the cart and the catalog disagree.
 */
export function cartTotals(input: {
  lines: LineRow[];
  products: Map<string, CatalogProduct>;
  codes: string[];
  discounts: Map<string, DiscountRule>;
  customerUses?: Map<string, number>;
  now: Date;
}): CartTotals {
  const { lines, products, now } = input;
  const priced = new Map<string, PricedLine>();
  const warnings: Warning[] = [];
  let subtotal = 0;
  let grams = 0;
  let totalQuantity = 0;
  for (const line of lines) {
    const product = products.get(line.productId);
    const current = product?.price ?? line.unitPrice;
    const lineCents = toCents(current) * line.quantity;
    subtotal += lineCents;
    totalQuantity += line.quantity;
    grams += product?.weight ? Math.round(Number(product.weight) * 1000) * line.quantity : 0;
    priced.set(line.id, { currentUnitPrice: current, lineTotal: fromCents(lineCents) });
    if (!product || product.status !== 'ACTIVE') {
      warnings.push({ code: 'PRODUCT_UNAVAILABLE', message: 'This product is no longer for sale', lineId: line.id });
      continue;
    }
    if (toCents(product.price) !== toCents(line.unitPrice)) {
      warnings.push({ code: 'PRICE_CHANGED', message: `The price changed from ${line.unitPrice} to ${product.price} since it was added`, lineId: line.id });
    }
    if (line.quantity > product.available) {
      warnings.push({ code: 'INSUFFICIENT_STOCK', message: `Only ${product.available} available`, lineId: line.id });
    } else if (line.notice === QUANTITY_CAPPED) {
      warnings.push({ code: 'INSUFFICIENT_STOCK', message: `Reduced to the ${line.quantity} available when your carts were merged`, lineId: line.id });
    }
  }
  let discount = 0;
  const codes = input.codes.map((code): AppliedCode => {
    const rule = input.discounts.get(code);
    const reason = inapplicable(rule, subtotal, now, rule ? (input.customerUses?.get(rule.id) ?? 0) : 0);
    if (reason || !rule) return { code, applicable: false, reason, message: reason ? REASON_MESSAGES[reason] : null, amount: '0.00', discountId: rule?.id ?? null };
    const off = Math.min(discountCents(rule, subtotal), subtotal - discount);
    discount += off;
    return { code, applicable: true, reason: null, message: null, amount: fromCents(off), discountId: rule.id };
  });
  const currencyCode = lines.length ? (products.get(lines[0].productId)?.currencyCode ?? lines[0].currencyCode) : 'USD';
  return {
    currencyCode,
    lines: priced,
    subtotal: fromCents(subtotal),
    discountTotal: fromCents(discount),
    total: fromCents(subtotal - discount),
    totalQuantity,
    weight: (grams / 1000).toFixed(3),
    codes,
    warnings,
  };
}
