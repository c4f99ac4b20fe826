import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../../platform/graphql/scalars';
import { ProductStatus } from '../product/product-status';

/** Internal: what the cart subgraph needs to price and check its lines; never exposed by the gateway. */
@Directive('@inaccessible')
@ObjectType({ description: 'Internal. A product as the cart subgraph prices and checks it.' })
export class ProductForCart {
  @Field(() => ID, { description: 'The product.' })
  id!: string;

  @Field({ description: 'The product name (an order line keeps it).' })
  name!: string;

  @Field({ description: 'The stock-keeping unit (an order line keeps it).' })
  sku!: string;

  @Field(() => ProductStatus, { description: 'Only ACTIVE products can be added to a cart.' })
  status!: ProductStatus;

  @Field(() => DecimalScalar, { description: 'What the customer pays per unit now: the sale price when set, else the price.' })
  price!: string;

  @Field({ description: 'ISO 4217 currency of the price.' })
  currencyCode!: string;

  @Field(() => Int, { description: 'Units available to buy now (on hand minus reserved, all warehouses), never negative.' })
  available!: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'Shipping weight of one unit in kilograms; null when unknown.' })
  weight!: string | null;
}
