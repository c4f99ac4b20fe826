import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';

@ObjectType({ description: 'A card the customer saved at checkout: brand, last four digits and expiry; the card number is never stored.' })
export class PaymentMethod {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The card brand, e.g. "visa" or "mastercard".' })
  brand!: string;

  @Field({ description: 'The last four digits of the card number.' })
  last4!: string;

  @Field(() => Int, { description: 'Expiry month, 1 to 12.' })
  expMonth!: number;

  @Field(() => Int, { description: 'Expiry year, e.g. 2034.' })
  expYear!: number;

  @Field({ description: 'True for the card offered first at checkout; exactly one saved card is the default.' })
  isDefault!: boolean;
}

@ObjectType({ description: "The caller's saved cards after a change." })
export class PaymentMethodsPayload {
  @Field(() => [PaymentMethod], { nullable: true, description: 'Every saved card, the default first; null when userErrors is not empty.' })
  paymentMethods!: PaymentMethod[] | null;

  @Field(() => [UserError], { description: 'Why it failed: NOT_FOUND (no such card of yours).' })
  userErrors!: UserError[];
}

/**
 * The users subgraph's User, as payments knows it: by id. Payments adds the saved cards; every
 * other field comes from users.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or staff account. Payments adds the saved cards.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
