import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Cart } from './cart.type';

@ObjectType({ description: 'The result of a cart mutation.' })
export class CartPayload {
  @Field(() => Cart, { nullable: true, description: 'The cart after the change (unchanged when there are userErrors); null when the cart is not found.' })
  cart!: Cart | null;

  @Field(() => [UserError], { description: 'Expected failures; empty on success.' })
  userErrors!: UserError[];
}
