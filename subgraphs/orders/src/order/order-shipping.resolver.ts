import { Arg, Ctx, Directive, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import { ServiceOnly } from '../../../../platform/graphql/authorization';
import { UserError } from '../../../../platform/graphql/types';
import type { OrdersContext } from '../context';
import { deliveredNote, markShipment, shippedNote } from './order-shipping';
import { OrderStatus } from './order-status';

const INTERNAL = '@inaccessible';

@ObjectType({ description: 'Internal. The order after shipping told orders of a shipment.' })
@Directive(INTERNAL)
export class OrderShipmentPayload {
  @Field(() => OrderStatus, { nullable: true, description: "The order's status now (unchanged when the move does not apply, e.g. a cancelled order); null with NOT_FOUND." })
  status!: OrderStatus | null;

  @Field(() => [UserError], { description: 'NOT_FOUND.' })
  userErrors!: UserError[];
}

/**
 * Shipping's commands to orders (@inaccessible, caller shipping only): a created shipment makes the
 * order SHIPPED and a delivered one DELIVERED before shipping answers, so the staff member's
 * CreateShipment / AddTrackingEvent payload shows the order's new status. The shipment.created and
 * shipment.delivered events make the same moves when a call did not get through. Idempotent.
 */
@Resolver()
export class OrderShippingResolver {
  @ServiceOnly('shipping')
  @Directive(INTERNAL)
  @Mutation(() => OrderShipmentPayload, { description: 'Internal (shipping). A shipment of the order was created: a CONFIRMED or PROCESSING order becomes SHIPPED. Idempotent. userErrors: NOT_FOUND.' })
  markOrderShipped(
    @Arg('orderId', () => ID, { description: 'The order.' }) orderId: string,
    @Arg('carrier', { description: 'The carrier, for the status history.' }) carrier: string,
    @Arg('trackingNumber', () => String, { nullable: true, description: 'The tracking number, for the status history.' }) trackingNumber: string | null,
    @Ctx() ctx: OrdersContext,
  ) {
    return markShipment(ctx, orderId, OrderStatus.SHIPPED, shippedNote(carrier, trackingNumber));
  }

  @ServiceOnly('shipping')
  @Directive(INTERNAL)
  @Mutation(() => OrderShipmentPayload, { description: 'Internal (shipping). A shipment of the order was delivered: the order becomes DELIVERED (from CONFIRMED, PROCESSING or SHIPPED). Idempotent. userErrors: NOT_FOUND.' })
  markOrderDelivered(
    @Arg('orderId', () => ID, { description: 'The order.' }) orderId: string,
    @Arg('carrier', { description: 'The carrier, for the status history.' }) carrier: string,
    @Ctx() ctx: OrdersContext,
  ) {
    return markShipment(ctx, orderId, OrderStatus.DELIVERED, deliveredNote(carrier));
  }
}
