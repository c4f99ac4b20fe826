import { Field, Float, ID, ObjectType } from 'type-graphql';
import { AddressType } from './address-type';


@ObjectType({ description: "One of a customer's saved addresses." })
export class Address {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The customer\'s name for it, e.g. "Home" or "Office".' })
  label!: string | null;

  @Field(() => AddressType, { description: 'What the address is for. Default SHIPPING.' })
  type!: AddressType;

  @Field({ description: 'Street and number, on one or more lines.' })
  street!: string;

  @Field({ description: 'City or town.' })
  city!: string;

  @Field(() => String, { nullable: true, description: 'State, province or region.' })
  state!: string | null;

  @Field({ description: 'Postal or ZIP code, as written locally.' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "TH".' })
  country!: string;

  @Field({ description: 'The address used when none is chosen. A customer has at most one default.' })
  isDefault!: boolean;

  @Field(() => Float, { nullable: true, description: 'Degrees north, -90..90 (WGS 84).' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Degrees east, -180..180 (WGS 84).' })
  longitude!: number | null;

  @Field(() => String, { nullable: true, description: 'Notes for the courier, e.g. "ring twice".' })
  deliveryInstructions!: string | null;
}
