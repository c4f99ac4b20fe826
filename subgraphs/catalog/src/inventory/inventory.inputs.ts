import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A manual change of on-hand stock. Staff only.' })
export class AdjustInventoryInput {
  @Field(() => ID, { description: 'The product (NOT_FOUND when unknown).' })
  productId!: string;

  @Field(() => ID, { nullable: true, description: 'The warehouse (NOT_FOUND when unknown); default: the default warehouse.' })
  warehouseId?: string | null;

  @Field(() => Int, {
    description: 'Units to add (positive) or remove (negative), not 0, at most 1,000,000 either way (else INVALID). On-hand never falls below what is reserved (else INSUFFICIENT_STOCK).',
  })
  delta!: number;

  @Field({ description: 'Why, kept in the stock ledger, e.g. "delivery 2024-11-02" or "damaged"; 1 to 500 characters (else INVALID).' })
  reason!: string;
}
