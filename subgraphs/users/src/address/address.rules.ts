import { userError, type UserError } from '../../../../platform/graphql/types';
import { isCountryCode } from '../../../../platform/validation';
import { AddressError } from './address.errors';
import type { AddressInput } from './address.inputs';
import { AddressType } from './address-type';

const LIMITS: [keyof AddressInput, number][] = [
  ['label', 100], ['street', 300], ['city', 100], ['state', 100], ['postalCode', 20], ['deliveryInstructions', 500],
];

/** Every problem with an address input, each naming its field. */
export function addressProblems(input: AddressInput): UserError[] {
  const problems: UserError[] = [];
  for (const field of ['street', 'city', 'postalCode'] as const) {
    if (!input[field]?.trim()) problems.push(userError(AddressError.INVALID, `${field} is required`, `input.${field}`));
  }
  for (const [field, max] of LIMITS) {
    const value = input[field];
    if (typeof value === 'string' && value.length > max) {
      problems.push(userError(AddressError.INVALID, `${field} must be at most ${max} characters`, `input.${field}`));
    }
  }
  if (!isCountryCode(input.country.trim().toUpperCase())) {
    problems.push(userError(AddressError.INVALID, 'country must be an ISO 3166-1 alpha-2 code such as "TH" or "US"', 'input.country'));
  }
  if (input.latitude != null && !(input.latitude >= -90 && input.latitude <= 90)) {
    problems.push(userError(AddressError.INVALID, 'latitude must be between -90 and 90', 'input.latitude'));
  }
  if (input.longitude != null && !(input.longitude >= -180 && input.longitude <= 180)) {
    problems.push(userError(AddressError.INVALID, 'longitude must be between -180 and 180', 'input.longitude'));
  }
  return problems;
}

/** The stored columns for an input (trimmed, country upper-cased). */
export function addressColumns(input: AddressInput) {
  const trimmed = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  return {
    label: trimmed(input.label),
    type: input.type ?? AddressType.SHIPPING,
    street: input.street.trim(),
    city: input.city.trim(),
    state: trimmed(input.state),
    postalCode: input.postalCode.trim(),
    country: input.country.trim().toUpperCase(),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    deliveryInstructions: trimmed(input.deliveryInstructions),
  };
}
