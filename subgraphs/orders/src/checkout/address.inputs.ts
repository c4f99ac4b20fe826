import { Field, Float, InputType } from 'type-graphql';
import { AddressType } from './address-type';

/** The same input as the users subgraph's (composition merges the two). */
@InputType({ description: 'A postal address. Country is an ISO 3166-1 alpha-2 code; coordinates are optional.' })
export class AddressInput {
  @Field(() => String, { nullable: true, description: 'A name for the address, at most 100 characters.' })
  label?: string | null;

  @Field(() => AddressType, { nullable: true, description: 'Default SHIPPING.' })
  type?: AddressType | null;

  @Field({ description: 'Street and number; required.' })
  street!: string;

  @Field({ description: 'Required.' })
  city!: string;

  @Field(() => String, { nullable: true, description: 'State, province or region; at most 100 characters.' })
  state?: string | null;

  @Field({ description: 'Required.' })
  postalCode!: string;

  @Field({ description: 'ISO 3166-1 alpha-2, e.g. "TH", "US" (case-insensitive). Unknown codes → INVALID.' })
  country!: string;

  @Field(() => Boolean, { nullable: true, description: 'Make this the default address. The first address is always the default.' })
  isDefault?: boolean | null;

  @Field(() => Float, { nullable: true, description: '-90..90, else INVALID.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: '-180..180, else INVALID.' })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'Notes for the courier, at most 500 characters.' })
  deliveryInstructions?: string | null;
}
