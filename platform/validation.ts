/** Small checks shared by services; each returns true when the value is acceptable. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A practical e-mail check: one @, a dotted domain, no spaces, at most 254 characters. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value);
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** An assigned ISO 3166-1 alpha-2 country code, e.g. "TH" or "US". */
export function isCountryCode(value: string): boolean {
  if (!/^[A-Z]{2}$/.test(value)) return false;
  const name = regions.of(value);
  return !!name && name !== value && name !== 'Unknown Region';
}

/** A calendar date written YYYY-MM-DD that exists (no 2023-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

/** A non-negative amount with at most 2 decimals and 10 integer digits ("19.99"). */
export function isMoneyAmount(value: string): boolean {
  return MONEY.test(value);
}

/** Amounts as integer cents, for exact comparisons. */
export function toCents(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** An absolute http(s) URL of at most 2,000 characters. */
export function isHttpUrl(value: string): boolean {
  if (value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Where the first string (or object key) holding the NUL character is in a JSON value ("input.name",
 * "ids[2]", "(value)"), or undefined. PostgreSQL text cannot store NUL: such input is refused.
 */
export function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return at;
      const found = nulPath(v, at);
      if (found) return found;
    }
  }
  return undefined;
}
