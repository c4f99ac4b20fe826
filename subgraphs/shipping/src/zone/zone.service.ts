import type { EntityManager } from 'typeorm';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { ShippingContext } from '../context';
import type { MethodRow, ZoneRow } from './zone-row';
import { ShippingMethodEntity, ShippingRateTierEntity, ShippingZoneEntity } from './zone.entities';
import { ZoneError } from './zone.errors';
import type { CreateShippingMethodInput, CreateShippingZoneInput, UpdateShippingMethodInput, UpdateShippingZoneInput } from './zone.inputs';
import { checkAmount, checkCountries, checkDays, checkName, checkPrefixes, checkPrice, type TierInput } from './zone.rules';

type ZoneResult = { zone: ZoneRow | null; userErrors: UserError[] };
type MethodResult = { method: MethodRow | null; userErrors: UserError[] };
const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;
const notFound = (what: string, field: string) => userError(ZoneError.NOT_FOUND, `No ${what} has this id`, field);

const readZone = (m: EntityManager, id: string): Promise<ZoneRow | null> => m.findOneBy(ShippingZoneEntity, { id });
const readMethod = (m: EntityManager, id: string): Promise<MethodRow | null> => m.findOneBy(ShippingMethodEntity, { id });

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
    const { identifiers } = await m.insert(ShippingZoneEntity, { name: name.value, countryCodes: countries.value, postalPrefixes: prefixes.value });
    return { zone: await readZone(m, identifiers[0].id as string), userErrors: [] };
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
    const changes: Partial<Pick<ShippingZoneEntity, 'name' | 'countryCodes' | 'postalPrefixes'>> = {};
    if (name) changes.name = name.value;
    if (countries) changes.countryCodes = countries.value;
    if (prefixes) changes.postalPrefixes = prefixes.value;
    // updated_at is set by TypeORM (UpdateDateColumn)
    const found = Object.keys(changes).length ? Boolean((await m.update(ShippingZoneEntity, { id }, changes)).affected) : await m.existsBy(ShippingZoneEntity, { id });
    if (!found) return { zone: null, userErrors: [notFound('zone', 'id')] };
    return { zone: await readZone(m, id), userErrors: [] };
  });
}

async function replaceTiers(m: EntityManager, methodId: string, tiers: TierInput[]): Promise<void> {
  await m.delete(ShippingRateTierEntity, { methodId });
  if (tiers.length) await m.insert(ShippingRateTierEntity, tiers.map((t) => ({ methodId, maxWeightKg: t.maxWeight.trim(), price: t.price.trim() })));
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
    const { identifiers } = await m.insert(ShippingMethodEntity, {
      zoneId: input.zoneId,
      carrier: input.carrier.trim(),
      name: input.name.trim(),
      estimatedDaysMin: input.estimatedDaysMin,
      estimatedDaysMax: input.estimatedDaysMax,
      currencyCode: input.currencyCode ?? 'USD',
      rateKind: present(input.flatPrice) ? 'FLAT' : 'WEIGHT_TIERED',
      flatPrice: input.flatPrice?.trim() ?? null,
      freeOverSubtotal: input.freeOverSubtotal?.trim() ?? null,
      isActive: input.isActive ?? true,
    });
    const id = identifiers[0].id as string;
    if (input.weightTiers) await replaceTiers(m, id, input.weightTiers);
    return { method: await readMethod(m, id), userErrors: [] };
  });
}

export async function updateMethod(ctx: ShippingContext, id: string, input: UpdateShippingMethodInput): Promise<MethodResult> {
  if (!isUuid(id)) return { method: null, userErrors: [notFound('method', 'id')] };
  const priceChange = present(input.flatPrice) || present(input.weightTiers);
  return ctx.db.write(async (m) => {
    const current = await m.findOne(ShippingMethodEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!current) return { method: null, userErrors: [notFound('method', 'id')] };
    const days = { min: input.estimatedDaysMin ?? current.estimatedDaysMin, max: input.estimatedDaysMax ?? current.estimatedDaysMax };
    const problems = methodProblems(input, days, priceChange);
    if (problems.length) return { method: null, userErrors: problems };
    const kind = !priceChange ? current.rateKind : present(input.flatPrice) ? 'FLAT' : 'WEIGHT_TIERED';
    // updated_at is set by TypeORM (UpdateDateColumn)
    await m.update(ShippingMethodEntity, { id }, {
      carrier: input.carrier?.trim() ?? current.carrier,
      name: input.name?.trim() ?? current.name,
      estimatedDaysMin: days.min,
      estimatedDaysMax: days.max,
      rateKind: kind,
      flatPrice: kind === 'FLAT' ? (input.flatPrice?.trim() ?? current.flatPrice) : null,
      freeOverSubtotal: input.freeOverSubtotal === undefined ? current.freeOverSubtotal : (input.freeOverSubtotal?.trim() ?? null),
      isActive: input.isActive ?? current.isActive,
    });
    if (present(input.weightTiers)) await replaceTiers(m, id, input.weightTiers);
    else if (kind === 'FLAT') await m.delete(ShippingRateTierEntity, { methodId: id });
    return { method: await readMethod(m, id), userErrors: [] };
  });
}
