import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../../../platform/graphql/scalars';
import { Money } from '../../../../platform/graphql/types';

export enum ShippingRateKind {
  FLAT = 'FLAT',
  WEIGHT_TIERED = 'WEIGHT_TIERED',
}

registerEnumType(ShippingRateKind, {
  name: 'ShippingRateKind',
  description: 'How a shipping method is priced.',
  valuesConfig: {
    FLAT: { description: 'One price whatever the weight (flatPrice).' },
    WEIGHT_TIERED: { description: 'By the cart\'s total weight: the price of the lightest tier whose maxWeight is at least the weight (weightTiers); heavier carts cannot use the method.' },
  },
});

@ObjectType({ description: 'Where a set of shipping methods applies: countries, optionally only postal codes starting with given prefixes. Staff only.' })
export class ShippingZone {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The zone\'s name, unique, e.g. "European Union".' })
  name!: string;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 country codes, e.g. ["US"].' })
  countryCodes!: string[];
}

@ObjectType({ description: 'A weight band of a WEIGHT_TIERED method.' })
export class ShippingWeightTier {
  @Field(() => DecimalScalar, { description: 'The heaviest cart this tier takes, in kilograms (inclusive), e.g. "5.000".' })
  maxWeight!: string;

  @Field(() => Money, { description: 'The price for a cart up to maxWeight (and heavier than the previous tier).' })
  price!: Money;
}

@ObjectType({ description: 'A way to deliver within a zone: a carrier\'s service with its delivery time and price.' })
export class ShippingMethod {
  @Field(() => ID, { description: 'Stable identifier (UUID): the shippingMethodId a checkout names.' })
  id!: string;

  @Field({ description: 'The service\'s name as customers see it, e.g. "Standard".' })
  name!: string;

  @Field({ description: 'Who delivers, e.g. "USPS".' })
  carrier!: string;

  @Field(() => Int, { description: 'Fewest business days to deliver.' })
  estimatedDaysMin!: number;

  @Field(() => Int, { description: 'Most business days to deliver.' })
  estimatedDaysMax!: number;
}

@ObjectType({ description: 'What delivering a cart with one method costs.' })
export class ShippingRate {
  @Field(() => ShippingMethod, { description: 'The method; its id is the shippingMethodId to check out with.' })
  method!: ShippingMethod;

  @Field(() => Money, { description: 'The price for this cart (0.00 when the cart\'s subtotal reaches the method\'s free-shipping threshold).' })
  price!: Money;

  @Field(() => Int, { description: 'Fewest business days to deliver.' })
  estimatedDaysMin!: number;

  @Field(() => Int, { description: 'Most business days to deliver.' })
  estimatedDaysMax!: number;
}
