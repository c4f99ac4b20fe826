/** Exact decimal strings ("19.99", "2.350") as integers of 1/10,000ths, so comparisons never round. */
const SCALE = 4;
const DECIMAL = /^(\d{1,15})(?:\.(\d{1,4}))?$/;

export function toUnits(value: string): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`not a non-negative decimal: ${JSON.stringify(value)}`);
  return BigInt(match[1]) * 10n ** BigInt(SCALE) + BigInt((match[2] ?? '').padEnd(SCALE, '0'));
}

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value.trim());
}

/** A money amount with two decimals ("5.00"). */
export function toMoneyString(units: bigint): string {
  const cents = units / 100n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}
