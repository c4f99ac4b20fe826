import { userError, type UserError } from '../../../../platform/graphql/types';
import { isCountryCode } from '../../../../platform/validation';
import { isDecimal, toUnits } from '../rate/decimal';
import { ZoneError } from './zone.errors';

/** Postal codes and prefixes are compared upper case, without spaces or dashes ("sw1a 1aa" → "SW1A1AA"). */
export function normalizePostalCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

const invalid = (field: string, message: string) => userError(ZoneError.INVALID, message, field);

export function checkName(value: string, field: string, max: number): { value: string; problem?: UserError } {
  const name = value.trim();
  if (name.length < 1 || name.length > max) return { value: name, problem: invalid(field, `Must be 1 to ${max} characters`) };
  return { value: name };
}

export function checkCountries(values: string[], field: string): { value: string[]; problem?: UserError } {
  const codes = [...new Set(values.map((c) => c.trim().toUpperCase()))];
  if (!codes.length || codes.length > 300) return { value: codes, problem: invalid(field, 'Give 1 to 300 country codes') };
  const bad = codes.filter((c) => !isCountryCode(c));
  if (bad.length) return { value: codes, problem: invalid(field, `Not ISO 3166-1 alpha-2 country codes: ${bad.join(', ')}`) };
  return { value: codes.sort() };
}

export function checkPrefixes(values: string[], field: string): { value: string[]; problem?: UserError } {
  const prefixes = [...new Set(values.map(normalizePostalCode))];
  if (prefixes.length > 100) return { value: prefixes, problem: invalid(field, 'At most 100 postal-code prefixes') };
  const bad = prefixes.filter((p) => !/^[A-Z0-9]{1,10}$/.test(p));
  if (bad.length) return { value: prefixes, problem: invalid(field, 'A prefix is 1 to 10 letters or digits') };
  return { value: prefixes.sort() };
}

/** A non-negative amount with at most `decimals` decimals. */
export function checkAmount(value: string, field: string, decimals: number, positive = false): UserError | undefined {
  const text = value.trim();
  if (!isDecimal(text) || (text.split('.')[1]?.length ?? 0) > decimals) return invalid(field, `Must be 0 or more with at most ${decimals} decimals`);
  if (positive && toUnits(text) === 0n) return invalid(field, 'Must be more than 0');
  return undefined;
}

export function checkDays(min: number, max: number, field: string): UserError | undefined {
  const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= 365;
  if (!ok(min) || !ok(max) || max < min) return invalid(field, 'Days are 0 to 365, the most at least the fewest');
  return undefined;
}

export interface TierInput {
  maxWeight: string;
  price: string;
}

/** The price part of a method: exactly one of a flat price and weight tiers. */
export function checkPrice(flatPrice: string | null | undefined, tiers: TierInput[] | null | undefined, field = 'input'): UserError[] {
  const hasFlat = flatPrice !== null && flatPrice !== undefined;
  const hasTiers = tiers !== null && tiers !== undefined;
  if (hasFlat === hasTiers) return [invalid(`${field}.flatPrice`, 'Give exactly one of flatPrice and weightTiers')];
  if (hasFlat) return [checkAmount(flatPrice, `${field}.flatPrice`, 2)].filter((e): e is UserError => !!e);
  if (!tiers!.length || tiers!.length > 20) return [invalid(`${field}.weightTiers`, 'Give 1 to 20 weight tiers')];
  const problems = tiers!.flatMap((t, i) =>
    [checkAmount(t.maxWeight, `${field}.weightTiers.${i}.maxWeight`, 3, true), checkAmount(t.price, `${field}.weightTiers.${i}.price`, 2)].filter((e): e is UserError => !!e),
  );
  if (problems.length) return problems;
  if (new Set(tiers!.map((t) => toUnits(t.maxWeight))).size !== tiers!.length) return [invalid(`${field}.weightTiers`, 'Each tier needs its own maxWeight')];
  return [];
}
