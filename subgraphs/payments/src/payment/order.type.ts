import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An order, as payments knows it: by id (the orders subgraph owns the rest). Payments adds the
 * order's payment.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An order placed at checkout. Payments adds its payment.' })
export class Order {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
