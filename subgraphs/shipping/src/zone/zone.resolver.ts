import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Staff } from '../../../../platform/graphql/authorization';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { money, Money } from '../../../../platform/graphql/types';
import type { ShippingContext } from '../context';
import type { MethodRow, ZoneRow } from './zone-row';
import { ShippingZoneEntity } from './zone.entities';
import { CreateShippingMethodInput, CreateShippingZoneInput, UpdateShippingMethodInput, UpdateShippingZoneInput } from './zone.inputs';
import { ShippingMethodPayload, ShippingZonePayload } from './zone.payloads';
import * as zones from './zone.service';
import { ShippingMethod, ShippingRateKind, ShippingWeightTier, ShippingZone } from './zone.type';

const STAFF = 'Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED.';

@Resolver(() => ShippingZone)
export class ShippingZoneResolver {
  @Staff()
  @Directive(PRIVATE)
  @Query(() => [ShippingZone], { description: `Every shipping zone with its methods, by name. ${STAFF}` })
  shippingZones(@Ctx() ctx: ShippingContext): Promise<ZoneRow[]> {
    return ctx.db.read((m) => m.find(ShippingZoneEntity, { order: { name: 'ASC' } }));
  }

  @Staff()
  @Mutation(() => ShippingZonePayload, { description: `Creates a shipping zone. ${STAFF} userErrors: INVALID, TAKEN.` })
  createShippingZone(@Arg('input', () => CreateShippingZoneInput, { description: 'The zone.' }) input: CreateShippingZoneInput, @Ctx() ctx: ShippingContext) {
    return zones.createZone(ctx, input);
  }

  @Staff()
  @Mutation(() => ShippingZonePayload, { description: `Changes a shipping zone. ${STAFF} userErrors: INVALID, NOT_FOUND, TAKEN.` })
  updateShippingZone(
    @Arg('id', () => ID, { description: 'The zone.' }) id: string,
    @Arg('input', () => UpdateShippingZoneInput, { description: 'The changes.' }) input: UpdateShippingZoneInput,
    @Ctx() ctx: ShippingContext,
  ) {
    return zones.updateZone(ctx, id, input);
  }

  @FieldResolver(() => [String], { description: 'Postal-code prefixes (upper case, no spaces); empty: the whole of each country.' })
  postalCodePrefixes(@Root() z: ZoneRow): string[] {
    return z.postalPrefixes;
  }

  @FieldResolver(() => [ShippingMethod], { description: 'The zone\'s methods, active or not, by name.' })
  methods(@Root() z: ZoneRow, @Ctx() ctx: ShippingContext): Promise<MethodRow[]> {
    return ctx.loaders.methodsByZoneId.load(z.id);
  }
}

@Resolver(() => ShippingMethod)
export class ShippingMethodResolver {
  @Staff()
  @Mutation(() => ShippingMethodPayload, { description: `Adds a shipping method to a zone. ${STAFF} userErrors: INVALID, NOT_FOUND.` })
  createShippingMethod(@Arg('input', () => CreateShippingMethodInput, { description: 'The method.' }) input: CreateShippingMethodInput, @Ctx() ctx: ShippingContext) {
    return zones.createMethod(ctx, input);
  }

  @Staff()
  @Mutation(() => ShippingMethodPayload, { description: `Changes a shipping method (its price, delivery time, whether it is offered). ${STAFF} userErrors: INVALID, NOT_FOUND.` })
  updateShippingMethod(
    @Arg('id', () => ID, { description: 'The method.' }) id: string,
    @Arg('input', () => UpdateShippingMethodInput, { description: 'The changes.' }) input: UpdateShippingMethodInput,
    @Ctx() ctx: ShippingContext,
  ) {
    return zones.updateMethod(ctx, id, input);
  }

  @FieldResolver(() => ShippingRateKind, { description: 'FLAT or WEIGHT_TIERED.' })
  rateKind(@Root() r: MethodRow): ShippingRateKind {
    return r.rateKind as ShippingRateKind;
  }

  @FieldResolver(() => Money, { nullable: true, description: 'The price of a FLAT method; null for WEIGHT_TIERED.' })
  flatPrice(@Root() r: MethodRow): Money | null {
    return r.flatPrice === null ? null : money(r.flatPrice, r.currencyCode);
  }

  @FieldResolver(() => [ShippingWeightTier], { description: 'The weight bands of a WEIGHT_TIERED method, lightest first; empty for FLAT.' })
  async weightTiers(@Root() r: MethodRow, @Ctx() ctx: ShippingContext): Promise<ShippingWeightTier[]> {
    const tiers = await ctx.loaders.tiersByMethodId.load(r.id);
    return tiers.map((t) => ({ maxWeight: t.maxWeightKg, price: money(t.price, r.currencyCode) }));
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Free for carts whose subtotal is at least this much; null when never free.' })
  freeOverSubtotal(@Root() r: MethodRow): Money | null {
    return r.freeOverSubtotal === null ? null : money(r.freeOverSubtotal, r.currencyCode);
  }

  @FieldResolver(() => Boolean, { description: 'False: no longer offered to customers.' })
  isActive(@Root() r: MethodRow): boolean {
    return r.isActive;
  }

  @FieldResolver(() => ShippingZone, { nullable: true, description: 'The zone the method belongs to.' })
  zone(@Root() r: MethodRow, @Ctx() ctx: ShippingContext): Promise<ZoneRow | null> {
    return ctx.loaders.zoneById.load(r.zoneId);
  }
}

