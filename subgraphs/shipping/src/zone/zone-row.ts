export interface ZoneRow {
  id: string;
  name: string;
  countryCodes: string[];
  postalPrefixes: string[];
}

export type RateKind = 'FLAT' | 'WEIGHT_TIERED';

export interface MethodRow {
  id: string;
  zoneId: string;
  carrier: string;
  name: string;
  estimatedDaysMin: number;
  estimatedDaysMax: number;
  currencyCode: string;
  rateKind: RateKind;
  flatPrice: string | null;
  freeOverSubtotal: string | null;
  isActive: boolean;
}

export interface TierRow {
  methodId: string;
  maxWeightKg: string;
  price: string;
}

/** The select list of zoneFor, the one hand-written zone statement (a LATERAL match on postal prefixes). */
export const ZONE_COLUMNS = `z.id, z.name, z.country_codes AS "countryCodes", z.postal_prefixes AS "postalPrefixes"`;
