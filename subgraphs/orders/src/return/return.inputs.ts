import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ReturnStatus } from './return-status';

@InputType({ description: 'Units of one order line to send back.' })
export class ReturnLineInput {
  @Field(() => ID, { description: 'The order line (Order.lines.id).' })
  orderLineId!: string;

  @Field(() => Int, { description: 'How many units: at least 1, at most those bought and not in another return (REQUESTED, APPROVED, RECEIVED or REFUNDED).' })
  quantity!: number;
}

@InputType({ description: 'A return of units of a delivered order.' })
export class RequestReturnInput {
  @Field(() => ID, { description: 'The order: a DELIVERED order of the caller.' })
  orderId!: string;

  @Field(() => [ReturnLineInput], { description: 'What goes back: 1 to 100 lines, each order line at most once.' })
  lines!: ReturnLineInput[];

  @Field({ description: 'Why, 1 to 500 characters.' })
  reason!: string;
}

@ArgsType()
export class ReturnPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (an endCursor).' })
  after?: string | null;

  @Field(() => ReturnStatus, { nullable: true, description: 'Only returns in this status, e.g. REQUESTED (those waiting for a decision).' })
  status?: ReturnStatus | null;
}
