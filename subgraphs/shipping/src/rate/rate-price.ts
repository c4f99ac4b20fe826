import { toMoneyString, toUnits } from './decimal';

export interface PricedMethod {
  rateKind: 'FLAT' | 'WEIGHT_TIERED';
  currencyCode: string;
  flatPrice: string | null;
  freeOverSubtotal: string | null;
  /** Ascending by maxWeightKg. */
  tiers: { maxWeightKg: string; price: string }[];
}

/**
 * What delivering a cart of `weightKg` worth `subtotal` costs with a method, or null when the
 * method does not take it (another currency, heavier than its last weight tier). Free when the
 * subtotal reaches the method's free-shipping threshold.
 */
export function priceFor(method: PricedMethod, cart: { subtotal: string; weightKg: string; currencyCode: string }): string | null {
  if (method.currencyCode !== cart.currencyCode) return null;
  let price: string | null;
  if (method.rateKind === 'FLAT') price = method.flatPrice;
  else {
    const weight = toUnits(cart.weightKg);
    const tier = [...method.tiers].sort((a, b) => Number(toUnits(a.maxWeightKg) - toUnits(b.maxWeightKg))).find((t) => weight <= toUnits(t.maxWeightKg));
    price = tier?.price ?? null;
  }
  if (price === null) return null;
  if (method.freeOverSubtotal !== null && toUnits(cart.subtotal) >= toUnits(method.freeOverSubtotal)) return '0.00';
  return toMoneyString(toUnits(price));
}

/** Cheapest first; then the fastest (fewest days at most), then by name. */
export function cheapestFirst<T extends { price: string; estimatedDaysMax: number; name: string }>(rates: T[]): T[] {
  return [...rates].sort((a, b) => {
    const byPrice = toUnits(a.price) - toUnits(b.price);
    if (byPrice !== 0n) return byPrice < 0n ? -1 : 1;
    return a.estimatedDaysMax - b.estimatedDaysMax || a.name.localeCompare(b.name);
  });
}
