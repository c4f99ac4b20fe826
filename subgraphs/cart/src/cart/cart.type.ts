import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { CartStatus } from './cart-status';
import { MAX_CODES, MAX_LINES, MAX_QUANTITY } from './cart.rules';

export enum CartWarningCode {
  PRICE_CHANGED = 'PRICE_CHANGED',
  INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK',
  PRODUCT_UNAVAILABLE = 'PRODUCT_UNAVAILABLE',
}
registerEnumType(CartWarningCode, {
  name: 'CartWarningCode',
  description: 'Where a cart and the catalog disagree.',
  valuesConfig: {
    PRICE_CHANGED: { description: "The product's current price differs from the unit price the line was added at (totals use the current price)." },
    INSUFFICIENT_STOCK: { description: 'Fewer units are available than the line holds, or the quantity was reduced to what was available when carts were merged.' },
    PRODUCT_UNAVAILABLE: { description: 'The product is no longer for sale (not ACTIVE, or removed from the catalog).' },
  },
});

@ObjectType({
  description: `A shopping cart: a guest's, held by its unguessable id, or a signed-in customer's (User.cart). At most ${MAX_LINES} lines, ${MAX_QUANTITY} units per line, ${MAX_CODES} discount codes. Money totals use each product's current price. Never cached.`,
})
export class Cart {
  @Field(() => ID, { description: 'Unguessable identifier (a random UUID): whoever holds a guest cart\'s id can use it, so keep it private.' })
  id!: string;

  @Field(() => CartStatus, { description: 'ACTIVE while being filled; CONVERTED once it became an order; ABANDONED after a week unchanged (a change revives it).' })
  status!: CartStatus;

  @Field(() => DateTimeScalar, { description: 'When the cart was created.' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When the cart last changed.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'Units of one product in a cart.' })
export class CartLine {
  @Field(() => ID, { description: 'The line (UUID); cartLinesUpdate and cartLinesRemove take it.' })
  id!: string;

  @Field(() => Int, { description: `Units, 1 to ${MAX_QUANTITY}.` })
  quantity!: number;
}

@ObjectType({ description: 'A discount code entered on a cart.' })
export class CartDiscountCode {
  @Field({ description: 'The code, in upper case (codes are case-insensitive).' })
  code!: string;

  @Field({ description: 'True when the code takes money off this cart now; false when it is unknown, not started, expired, used up, or the cart is below its minimum subtotal.' })
  applicable!: boolean;

  @Field(() => String, { nullable: true, description: 'Why the code does not apply; null when it applies.' })
  message!: string | null;
}

@ObjectType({ description: 'Something the customer should know before checking out.' })
export class CartWarning {
  @Field(() => CartWarningCode, { description: 'What kind of problem.' })
  code!: CartWarningCode;

  @Field({ description: 'A human-readable explanation, in English.' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'The line concerned; null for the cart as a whole.' })
  lineId!: string | null;
}
