import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import type { MethodRow, ZoneRow } from './zone-row';
import { ShippingMethod, ShippingZone } from './zone.type';

@ObjectType({ description: 'A zone after createShippingZone or updateShippingZone.' })
export class ShippingZonePayload {
  @Field(() => ShippingZone, { nullable: true, description: 'The zone as stored; null when userErrors is not empty (then nothing changed).' })
  zone!: ZoneRow | null;

  @Field(() => [UserError], { description: 'Why nothing changed: INVALID (a bad name, country code or prefix), NOT_FOUND (unknown zone), TAKEN (another zone has the name).' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'A method after createShippingMethod or updateShippingMethod.' })
export class ShippingMethodPayload {
  @Field(() => ShippingMethod, { nullable: true, description: 'The method as stored; null when userErrors is not empty (then nothing changed).' })
  method!: MethodRow | null;

  @Field(() => [UserError], { description: 'Why nothing changed: INVALID (a bad name, days, currency or price; both or neither of flatPrice and weightTiers), NOT_FOUND (unknown zone or method).' })
  userErrors!: UserError[];
}
