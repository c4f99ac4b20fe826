import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { uniqueViolation } from '../common/db-errors';
import type { ShippingContext } from '../context';
import { METHOD_COLUMNS, ZONE_COLUMNS, type MethodRow, type ZoneRow } from './zone-row';
import { ZoneError } from './zone.errors';
import type { CreateShippingMethodInput, CreateShippingZoneInput, UpdateShippingMethodInput, UpdateShippingZoneInput } from './zone.inputs';
import { checkAmount, checkCountries, checkDays, checkName, checkPrefixes, checkPrice, type TierInput } from './zone.rules';

type ZoneResult = { zone: ZoneRow | null; userErrors: UserError[] };
type MethodResult = { method: MethodRow | null; userErrors: UserError[] };
const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;
const notFound = (what: string, field: string) => userError(ZoneError.NOT_FOUND, `No ${what} has this id`, field);

async function readZone(m: EntityManager, id: string): Promise<ZoneRow | null> {
  const [row] = await m.query(`SELECT ${ZONE_COLUMNS} FROM shipping_zones z WHERE z.id = $1`, [id]);
  return row ?? null;
}

async function readMethod(m: EntityManager, id: string): Promise<MethodRow | null> {
  const [row] = await m.query(`SELECT ${METHOD_COLUMNS} FROM shipping_methods sm WHERE sm.id = $1`, [id]);
  return row ?? null;
}

/** Writes a zone; a name another zone has comes back as TAKEN. */
async function saveZone(ctx: ShippingContext, write: (m: EntityManager) => Promise<ZoneResult>): Promise<ZoneResult> {
  try {
    return await ctx.db.write(write);
  } catch (error) {
    if (uniqueViolation(error) === 'shipping_zones_name_unique') return { zone: null, userErrors: [userError(ZoneError.TAKEN, 'Another zone has this name', 'input.name')] };
    throw error;
  }
}

export async function createZone(ctx: ShippingContext, input: CreateShippingZoneInput): Promise<ZoneResult> {
  const name = checkName(input.name, 'input.name', 100);
  const countries = checkCountries(input.countryCodes, 'input.countryCodes');
  const prefixes = checkPrefixes(input.postalCodePrefixes ?? [], 'input.postalCodePrefixes');
  const problems = [name.problem, countries.problem, prefixes.problem].filter(present);
  if (problems.length) return { zone: null, userErrors: problems };
  return saveZone(ctx, async (m) => {
    const [{ id }] = await m.query('INSERT INTO shipping_zones (name, country_codes, postal_prefixes) VALUES ($1, $2, $3) RETURNING id', [name.value, countries.value, prefixes.value]);
    return { zone: await readZone(m, id), userErrors: [] };
  });
}

export async function updateZone(ctx: ShippingContext, id: string, input: UpdateShippingZoneInput): Promise<ZoneResult> {
  if (!isUuid(id)) return { zone: null, userErrors: [notFound('zone', 'id')] };
  const name = present(input.name) ? checkName(input.name, 'input.name', 100) : undefined;
  const countries = present(input.countryCodes) ? checkCountries(input.countryCodes, 'input.countryCodes') : undefined;
  const prefixes = present(input.postalCodePrefixes) ? checkPrefixes(input.postalCodePrefixes, 'input.postalCodePrefixes') : undefined;
  const problems = [name?.problem, countries?.problem, prefixes?.problem].filter(present);
  if (problems.length) return { zone: null, userErrors: problems };
  return saveZone(ctx, async (m) => {
    const updated = await m.query(
      `UPDATE shipping_zones SET name = coalesce($2, name), country_codes = coalesce($3, country_codes),
              postal_prefixes = coalesce($4, postal_prefixes), updated_at = now()
        WHERE id = $1 RETURNING id`,
      [id, name?.value ?? null, countries?.value ?? null, prefixes?.value ?? null],
    );
    if (!updated[1]) return { zone: null, userErrors: [notFound('zone', 'id')] };
    return { zone: await readZone(m, id), userErrors: [] };
  });
}

async function replaceTiers(m: EntityManager, methodId: string, tiers: TierInput[]): Promise<void> {
  await m.query('DELETE FROM shipping_rate_tiers WHERE method_id = $1', [methodId]);
  await m.query(
    'INSERT INTO shipping_rate_tiers (method_id, max_weight_kg, price) SELECT $1, w, p FROM unnest($2::numeric[], $3::numeric[]) AS v(w, p)',
    [methodId, tiers.map((t) => t.maxWeight.trim()), tiers.map((t) => t.price.trim())],
  );
}

type MethodFields = { [K in 'carrier' | 'name' | 'currencyCode' | 'freeOverSubtotal' | 'flatPrice' | 'weightTiers']?: CreateShippingMethodInput[K] | null };

function methodProblems(input: MethodFields, days: { min: number; max: number } | null, price: boolean): UserError[] {
  const problems: (UserError | undefined)[] = [];
  if (present(input.carrier)) problems.push(checkName(input.carrier, 'input.carrier', 50).problem);
  if (present(input.name)) problems.push(checkName(input.name, 'input.name', 100).problem);
  if (days) problems.push(checkDays(days.min, days.max, 'input.estimatedDaysMax'));
  if (present(input.currencyCode) && !/^[A-Z]{3}$/.test(input.currencyCode)) problems.push(userError(ZoneError.INVALID, 'An ISO 4217 code such as "USD"', 'input.currencyCode'));
  if (present(input.freeOverSubtotal)) problems.push(checkAmount(input.freeOverSubtotal, 'input.freeOverSubtotal', 2));
  if (price) problems.push(...checkPrice(input.flatPrice, input.weightTiers));
  return problems.filter(present);
}

export async function createMethod(ctx: ShippingContext, input: CreateShippingMethodInput): Promise<MethodResult> {
  const problems = methodProblems(input, { min: input.estimatedDaysMin, max: input.estimatedDaysMax }, true);
  if (!isUuid(input.zoneId)) problems.unshift(notFound('zone', 'input.zoneId'));
  if (problems.length) return { method: null, userErrors: problems };
  return ctx.db.write(async (m) => {
    if (!(await readZone(m, input.zoneId))) return { method: null, userErrors: [notFound('zone', 'input.zoneId')] };
    const [{ id }] = await m.query(
      `INSERT INTO shipping_methods (zone_id, carrier, name, estimated_days_min, estimated_days_max, currency_code, rate_kind, flat_price, free_over_subtotal, is_active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.zoneId,
        input.carrier.trim(),
        input.name.trim(),
        input.estimatedDaysMin,
        input.estimatedDaysMax,
        input.currencyCode ?? 'USD',
        present(input.flatPrice) ? 'FLAT' : 'WEIGHT_TIERED',
        input.flatPrice?.trim() ?? null,
        input.freeOverSubtotal?.trim() ?? null,
        input.isActive ?? true,
      ],
    );
    if (input.weightTiers) await replaceTiers(m, id, input.weightTiers);
    return { method: await readMethod(m, id), userErrors: [] };
  });
}

export async function updateMethod(ctx: ShippingContext, id: string, input: UpdateShippingMethodInput): Promise<MethodResult> {
  if (!isUuid(id)) return { method: null, userErrors: [notFound('method', 'id')] };
  const priceChange = present(input.flatPrice) || present(input.weightTiers);
  return ctx.db.write(async (m) => {
    const [current]: MethodRow[] = await m.query(`SELECT ${METHOD_COLUMNS} FROM shipping_methods sm WHERE sm.id = $1 FOR UPDATE`, [id]);
    if (!current) return { method: null, userErrors: [notFound('method', 'id')] };
    const days = { min: input.estimatedDaysMin ?? current.estimatedDaysMin, max: input.estimatedDaysMax ?? current.estimatedDaysMax };
    const problems = methodProblems(input, days, priceChange);
    if (problems.length) return { method: null, userErrors: problems };
    const kind = !priceChange ? current.rateKind : present(input.flatPrice) ? 'FLAT' : 'WEIGHT_TIERED';
    await m.query(
      `UPDATE shipping_methods SET carrier = $2, name = $3, estimated_days_min = $4, estimated_days_max = $5, rate_kind = $6,
              flat_price = $7, free_over_subtotal = $8, is_active = $9, updated_at = now()
        WHERE id = $1`,
      [
        id,
        input.carrier?.trim() ?? current.carrier,
        input.name?.trim() ?? current.name,
        days.min,
        days.max,
        kind,
        kind === 'FLAT' ? (input.flatPrice?.trim() ?? current.flatPrice) : null,
        input.freeOverSubtotal === undefined ? current.freeOverSubtotal : (input.freeOverSubtotal?.trim() ?? null),
        input.isActive ?? current.isActive,
      ],
    );
    if (present(input.weightTiers)) await replaceTiers(m, id, input.weightTiers);
    else if (kind === 'FLAT') await m.query('DELETE FROM shipping_rate_tiers WHERE method_id = $1', [id]);
    return { method: await readMethod(m, id), userErrors: [] };
  });
}
