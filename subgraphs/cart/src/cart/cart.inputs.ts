import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_LINES, MAX_QUANTITY } from './cart.rules';

@InputType({ description: 'Units of a product to put in a cart.' })
export class CartLineInput {
  @Field(() => ID, { description: 'The product (PRODUCT_NOT_FOUND when unknown or not for sale).' })
  productId!: string;

  @Field(() => Int, { description: `Units to add, 1 to ${MAX_QUANTITY} (else INVALID); a line holds at most ${MAX_QUANTITY}.` })
  quantity!: number;
}

@InputType({ description: 'A new quantity for a line of the cart.' })
export class CartLineUpdateInput {
  @Field(() => ID, { description: "The cart line's id (NOT_FOUND when not in this cart)." })
  id!: string;

  @Field(() => Int, { description: `The new quantity, 0 to ${MAX_QUANTITY}; 0 removes the line.` })
  quantity!: number;
}

@InputType({ description: 'A new cart.' })
export class CartCreateInput {
  @Field(() => [CartLineInput], { nullable: true, description: `Lines to start with, at most ${MAX_LINES}.` })
  lines?: CartLineInput[] | null;
}
