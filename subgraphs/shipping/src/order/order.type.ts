import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The orders subgraph's Order, as shipping knows it: by id. Shipping contributes `shipments`;
 * every other field (status, lines, totals…) belongs to the orders subgraph. The key field `id`
 * is shareable by federation 2's rules, so both subgraphs may declare it.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A customer\'s order. Shipping adds its shipments.' })
export class Order {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
}
