import { money, type Money } from '../../../../platform/graphql/types';
import { isMoneyAmount, toCents } from '../../../../platform/validation';

/** Integer cents (as stored) → the API's Money. */
export function centsToMoney(cents: number, currencyCode: string): Money {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return money(`${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, currencyCode);
}

/** A positive amount with at most 2 decimals, as cents; null when malformed or zero. */
export function positiveCents(amount: string): number | null {
  if (!isMoneyAmount(amount)) return null;
  const cents = Number(toCents(amount));
  return cents > 0 ? cents : null;
}

export const isCurrencyCode = (value: string) => /^[A-Z]{3}$/.test(value);

/** bigint columns arrive as strings: read them as numbers (cents stay far below 2^53). */
export const centsColumn = { to: (value: number) => value, from: (value: string | number | null) => (value === null ? null : Number(value)) };
