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

export const ZONE_COLUMNS = `z.id, z.name, z.country_codes AS "countryCodes", z.postal_prefixes AS "postalPrefixes"`;
export const METHOD_COLUMNS = `
  sm.id, sm.zone_id::text AS "zoneId", sm.carrier, sm.name, sm.estimated_days_min AS "estimatedDaysMin",
  sm.estimated_days_max AS "estimatedDaysMax", sm.currency_code AS "currencyCode", sm.rate_kind AS "rateKind",
  sm.flat_price::text AS "flatPrice", sm.free_over_subtotal::text AS "freeOverSubtotal", sm.is_active AS "isActive"`;
export const TIER_COLUMNS = `t.method_id::text AS "methodId", t.max_weight_kg::text AS "maxWeightKg", t.price::text AS price`;
