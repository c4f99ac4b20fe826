import { Field, InputType, Int, ID } from 'type-graphql';
import { DecimalScalar } from '../../../../platform/graphql/scalars';

@InputType({ description: 'A new shipping zone.' })
export class CreateShippingZoneInput {
  @Field({ description: 'Unique name, 1 to 100 characters (else INVALID; another zone\'s name → TAKEN).' })
  name!: string;

  @Field(() => [String], { description: 'One or more ISO 3166-1 alpha-2 country codes, e.g. ["DE", "FR"] (an unassigned code → INVALID).' })
  countryCodes!: string[];

  @Field(() => [String], { nullable: true, description: 'Postal-code prefixes, e.g. ["9"] for US ZIP codes 9xxxx; letters and digits, at most 10 each (spaces and dashes are dropped). Default: none, the whole countries.' })
  postalCodePrefixes?: string[] | null;
}

@InputType({ description: 'Changes to a zone; fields left out stay as they are.' })
export class UpdateShippingZoneInput {
  @Field(() => String, { nullable: true, description: 'A new unique name.' })
  name?: string | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the country codes.' })
  countryCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the postal-code prefixes ([] for the whole countries).' })
  postalCodePrefixes?: string[] | null;
}

@InputType({ description: 'A weight band: carts up to maxWeight kilograms cost price.' })
export class WeightTierInput {
  @Field(() => DecimalScalar, { description: 'Kilograms, more than 0, at most 3 decimals, e.g. "2.5".' })
  maxWeight!: string;

  @Field(() => DecimalScalar, { description: 'The price in the method\'s currency, 0 or more, at most 2 decimals.' })
  price!: string;
}

@InputType({ description: 'A new shipping method of a zone. Give exactly one of flatPrice and weightTiers.' })
export class CreateShippingMethodInput {
  @Field(() => ID, { description: 'The zone (NOT_FOUND when unknown).' })
  zoneId!: string;

  @Field({ description: 'Who delivers, 1 to 50 characters, e.g. "UPS".' })
  carrier!: string;

  @Field({ description: 'The service\'s name, 1 to 100 characters, e.g. "Express".' })
  name!: string;

  @Field(() => Int, { description: 'Fewest business days, 0 to 365.' })
  estimatedDaysMin!: number;

  @Field(() => Int, { description: 'Most business days, estimatedDaysMin to 365.' })
  estimatedDaysMax!: number;

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of the prices; default "USD". Only carts in this currency get the method.' })
  currencyCode?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'One price whatever the weight (a FLAT method).' })
  flatPrice?: string | null;

  @Field(() => [WeightTierInput], { nullable: true, description: 'Prices by weight, 1 to 20 tiers with distinct maxWeight (a WEIGHT_TIERED method).' })
  weightTiers?: WeightTierInput[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Free when the cart\'s subtotal is at least this much; default: never free.' })
  freeOverSubtotal?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Offered to customers; default true.' })
  isActive?: boolean | null;
}

@InputType({ description: 'Changes to a method; fields left out stay as they are. flatPrice or weightTiers (not both) replaces the price; freeOverSubtotal: null removes the threshold.' })
export class UpdateShippingMethodInput {
  @Field(() => String, { nullable: true, description: 'Who delivers.' })
  carrier?: string | null;

  @Field(() => String, { nullable: true, description: 'The service\'s name.' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fewest business days.' })
  estimatedDaysMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'Most business days.' })
  estimatedDaysMax?: number | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Makes the method FLAT at this price.' })
  flatPrice?: string | null;

  @Field(() => [WeightTierInput], { nullable: true, description: 'Makes the method WEIGHT_TIERED with these tiers.' })
  weightTiers?: WeightTierInput[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The free-shipping threshold; null removes it.' })
  freeOverSubtotal?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Offered to customers.' })
  isActive?: boolean | null;
}
