import { Field, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { OrderStatus } from './order-status';

@InputType({ description: 'Which orders staff list; every given condition must hold.' })
export class OrderFilter {
  @Field(() => OrderStatus, { nullable: true, description: 'Only orders in this status.' })
  status?: OrderStatus | null;

  @Field(() => String, { nullable: true, description: "The customer's email, case-insensitive, exact." })
  customerEmail?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Placed at or after (ISO 8601).' })
  createdAfter?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Placed before (ISO 8601).' })
  createdBefore?: Date | null;
}
