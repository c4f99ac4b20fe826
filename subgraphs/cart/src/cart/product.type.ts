import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The catalog's Product, as this subgraph knows it: by id only. `resolvable: false` — this
 * subgraph hands out references; the catalog subgraph resolves every other field.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A product of the catalog: what the shop sells. Its details come from the catalog.' })
export class Product {
  @Field(() => ID, { description: 'Stable identifier of the product (UUID).' })
  id!: string;
}
