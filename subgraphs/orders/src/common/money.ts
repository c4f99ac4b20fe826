import { money, type Money } from '../../../../platform/graphql/types';
import { isMoneyAmount, toCents } from '../../../../platform/validation';

/** Integer cents (as stored) → the API's Money. */
export function centsToMoney(cents: number, currencyCode: string): Money {
  return money(centsToDecimal(cents), currencyCode);
}

/** Integer cents → a decimal string such as "19.99". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal string from another subgraph ("19.99") → cents; throws on anything else (a bug there, not bad input). */
export function decimalToCents(amount: string): number {
  if (!isMoneyAmount(amount)) throw new Error(`not an amount of money: ${amount}`);
  return Number(toCents(amount));
}

/** bigint columns arrive as strings: read them as numbers (cents stay far below 2^53). */
export const centsColumn = { to: (value: number) => value, from: (value: string | number | null) => (value === null ? null : Number(value)) };
