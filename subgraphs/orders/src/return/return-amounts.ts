/**
 * What a return refunds, in integer cents. The rules (documented in the schema and README):
 *
 * - The order's discount is split over its lines in proportion to their totals (unit price ×
 *   quantity), by largest remainder: each line gets the floor of its exact share, the cents left go
 *   one each to the largest remainders (ties: the earlier line). The shares sum to the discount.
 * - The order's tax is split the same way over the lines' net amounts (total − discount share): tax
 *   was charged on the goods after discount, so each line's tax share is what was charged on it.
 * - Within a line, units are refunded in the order their receipts fix their amounts: units [a, b)
 *   of n refund floor(share × b / n) − floor(share × a / n). The amounts telescope: all n units
 *   together refund exactly the line's share, and any prefix never more. So the refunds of an
 *   order's returns never exceed what was paid for its goods and their tax.
 * - Shipping is not refunded by a return.
 */

export interface PricedLine {
  id: string;
  quantity: number;
  unitPriceCents: number;
}

export interface OrderAmounts {
  discountCents: number;
  taxCents: number;
}

export interface LineShare {
  /** The line's total after its share of the discount. */
  netCents: number;
  /** The tax charged on that net amount. */
  taxCents: number;
}

export interface ReturnedUnits {
  orderLineId: string;
  quantity: number;
}

export interface LineRefund {
  orderLineId: string;
  goodsCents: number;
  taxCents: number;
}

/** Splits `total` over `weights` by largest remainder; sums to `total` exactly (all zero when the weights are). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(total) * BigInt(w));
  const shares = exact.map((e) => e / sum);
  let left = BigInt(total) - shares.reduce((s, x) => s + x, 0n);
  const byRemainder = exact.map((e, i) => ({ i, r: e % sum })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    shares[i] += 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/** Each line's net amount and tax share, in line order. */
export function lineShares(lines: readonly PricedLine[], order: OrderAmounts): LineShare[] {
  const gross = lines.map((l) => l.unitPriceCents * l.quantity);
  const discounts = allocate(order.discountCents, gross);
  const nets = gross.map((g, i) => g - discounts[i]);
  const taxes = allocate(order.taxCents, nets);
  return nets.map((netCents, i) => ({ netCents, taxCents: taxes[i] }));
}

/** What units [from, from + quantity) of a line of `units` refund of the line's `share`. */
export function unitsShare(share: number, units: number, from: number, quantity: number): number {
  const upTo = (k: number) => Number((BigInt(share) * BigInt(k)) / BigInt(units));
  return upTo(from + quantity) - upTo(from);
}

/**
 * The refund of each returned line: `fixedBefore` counts, per order line, the units whose amounts
 * earlier receipts fixed (they come first within the line).
 */
export function returnRefunds(lines: readonly PricedLine[], order: OrderAmounts, returned: readonly ReturnedUnits[], fixedBefore: ReadonlyMap<string, number>): LineRefund[] {
  const shares = lineShares(lines, order);
  return returned.map((r) => {
    const i = lines.findIndex((l) => l.id === r.orderLineId);
    if (i < 0) throw new Error(`order line ${r.orderLineId} is not in this order`);
    const from = fixedBefore.get(r.orderLineId) ?? 0;
    if (from + r.quantity > lines[i].quantity) throw new Error(`more units of ${r.orderLineId} returned than bought`);
    return {
      orderLineId: r.orderLineId,
      goodsCents: unitsShare(shares[i].netCents, lines[i].quantity, from, r.quantity),
      taxCents: unitsShare(shares[i].taxCents, lines[i].quantity, from, r.quantity),
    };
  });
}
