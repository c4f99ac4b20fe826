/** PostgreSQL WAL positions ("16/B374D848") compared as numbers. */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

export function isLsn(value: unknown): value is string {
  return typeof value === 'string' && LSN.test(value);
}

export function lsnToBigInt(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/** The later of two positions; either may be missing. */
export function maxLsn(a: string | undefined, b: string | undefined): string | undefined {
  if (!isLsn(a)) return isLsn(b) ? b : undefined;
  if (!isLsn(b)) return a;
  return lsnToBigInt(a) >= lsnToBigInt(b) ? a : b;
}
