import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { ReturnRequest } from './return.type';

@ObjectType({ description: 'The result of requestReturn.' })
export class RequestReturnPayload {
  @Field(() => ReturnRequest, { nullable: true, description: 'The new return (REQUESTED); null when userErrors is not empty.' })
  returnRequest!: ReturnRequest | null;

  @Field(() => [UserError], { description: 'Why there is no return: INVALID, NOT_FOUND, ORDER_NOT_DELIVERED, RETURN_QUANTITY_EXCEEDED.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of updateReturnStatus.' })
export class UpdateReturnStatusPayload {
  @Field(() => ReturnRequest, { nullable: true, description: 'The return as it is now (also with RETURN_IN_PROGRESS and REFUND_FAILED); null with INVALID and NOT_FOUND.' })
  returnRequest!: ReturnRequest | null;

  @Field(() => [UserError], { description: 'INVALID, NOT_FOUND, INVALID_RETURN_TRANSITION, RETURN_IN_PROGRESS, REFUND_FAILED.' })
  userErrors!: UserError[];
}
