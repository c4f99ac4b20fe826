import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The users subgraph's User; the cart subgraph adds the customer's cart. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer or staff account. The cart subgraph adds the customer\'s cart.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
