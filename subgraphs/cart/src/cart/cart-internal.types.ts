import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../../platform/graphql/scalars';
import { Money, UserError } from '../../../../platform/graphql/types';
import { Cart, CartWarning } from './cart.type';

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. The result of merging a guest cart into a customer cart.' })
export class MergeGuestCartPayload {
  @Field(() => Cart, { nullable: true, description: "The customer's cart after the merge." })
  cart!: Cart | null;

  @Field({ description: 'True when this call moved the lines; false when the guest cart was merged before.' })
  merged!: boolean;

  @Field(() => [CartWarning], { description: 'Quantities reduced to what is available, lines left out.' })
  warnings!: CartWarning[];

  @Field(() => [UserError], { description: 'NOT_FOUND (unknown guest cart, or a customer\'s cart), CART_NOT_ACTIVE.' })
  userErrors!: UserError[];
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. What shipping needs to rate a cart.' })
export class CartForShipping {
  @Field(() => ID, { description: 'The cart.' })
  id!: string;

  @Field(() => Money, { description: 'Sum of the lines at current prices, before discounts.' })
  subtotal!: Money;

  @Field(() => Money, { description: 'After discounts.' })
  total!: Money;

  @Field(() => DecimalScalar, { description: 'Total weight in kilograms (products without a weight count as 0).' })
  weight!: string;

  @Field({ description: 'ISO 4217 currency of the amounts.' })
  currencyCode!: string;

  @Field(() => Int, { description: 'Units over all lines.' })
  totalQuantity!: number;
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. One line of a cart as the checkout reads it.' })
export class CheckoutCartLine {
  @Field(() => ID, { description: 'The product.' })
  productId!: string;

  @Field(() => Int, { description: 'Units.' })
  quantity!: number;

  @Field(() => DecimalScalar, { description: 'The unit price when the line was added.' })
  unitPrice!: string;

  @Field(() => DecimalScalar, { description: 'What one unit costs now.' })
  currentUnitPrice!: string;
}

@Directive('@inaccessible')
@ObjectType({ description: 'Internal. What the checkout needs of a cart: owner, lines, codes and totals at current prices.' })
export class CartForCheckout {
  @Field(() => ID, { description: 'The cart.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: "The customer's id; null for a guest cart." })
  userId!: string | null;

  @Field({ description: 'ACTIVE, ABANDONED, CONVERTED or MERGED.' })
  status!: string;

  @Field(() => ID, { nullable: true, description: 'The order a CONVERTED cart became.' })
  orderId!: string | null;

  @Field({ description: 'ISO 4217 currency of the amounts.' })
  currencyCode!: string;

  @Field(() => [CheckoutCartLine], { description: 'The lines, oldest first.' })
  lines!: CheckoutCartLine[];

  @Field(() => [String], { description: 'The discount codes applied to the cart.' })
  discountCodes!: string[];

  @Field(() => DecimalScalar, { description: 'Sum of the lines at current prices.' })
  subtotal!: string;

  @Field(() => DecimalScalar, { description: 'What the applicable codes take off.' })
  discountTotal!: string;

  @Field(() => DecimalScalar, { description: 'subtotal − discountTotal.' })
  total!: string;
}
