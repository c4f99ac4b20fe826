import { Field, ID, InputType } from 'type-graphql';
import { AddressInput } from './address.inputs';

@InputType({ description: 'What checkout needs: the cart, where it goes, how it ships and the card token.' })
export class CheckoutInput {
  @Field(() => ID, { description: 'The cart to buy.' })
  cartId!: string;

  @Field(() => String, { nullable: true, description: "Required for guests; a customer's own email otherwise." })
  email?: string | null;

  @Field(() => ID, { nullable: true, description: "One of the customer's saved addresses, or give shippingAddress." })
  shippingAddressId?: string | null;

  @Field(() => AddressInput, { nullable: true, description: 'Where to ship, when not a saved address.' })
  shippingAddress?: AddressInput | null;

  @Field(() => AddressInput, { nullable: true, description: 'Default: the shipping address.' })
  billingAddress?: AddressInput | null;

  @Field(() => ID, { description: 'One of the methods shippingRates offers for the address.' })
  shippingMethodId!: string;

  @Field({ description: "The payment provider's card token, e.g. tok_visa." })
  paymentToken!: string;

  @Field({ description: '1 to 200 characters, unique per checkout attempt: repeating it returns the first result.' })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'A note for the shop, at most 1000 characters.' })
  note?: string | null;
}
