import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { InventoryLevel } from './inventory.type';

@ObjectType({ description: 'A stock level after adjustInventory.' })
export class InventoryPayload {
  @Field(() => InventoryLevel, { nullable: true, description: 'The stock level after the change; null when userErrors is not empty (then nothing changed).' })
  inventory!: InventoryLevel | null;

  @Field(() => [UserError], {
    description: 'Why nothing changed: NOT_FOUND (product or warehouse), INVALID (delta 0 or too large, empty reason), INSUFFICIENT_STOCK (on-hand would fall below zero or below the reserved units).',
  })
  userErrors!: UserError[];
}
