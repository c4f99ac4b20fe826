import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { Staff } from '../../../../platform/graphql/authorization';
import type { ShippingContext } from '../context';
import { Order } from '../order/order.type';
import type { ShipmentEventRow, ShipmentRow } from './shipment-row';
import { AddTrackingEventInput, CreateShipmentInput } from './shipment.inputs';
import { ShipmentPayload } from './shipment.payloads';
import * as shipments from './shipment.service';
import { Shipment, ShipmentEvent } from './shipment.type';

const STAFF = 'Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED.';

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Staff()
  @Mutation(() => ShipmentPayload, {
    description: `Creates a shipment (status LABEL_CREATED) for a CONFIRMED or PROCESSING order; the tracking number is generated when none is given. The order becomes SHIPPED (in the answer already, unless the orders subgraph did not answer: then shortly after) and the customer is notified. ${STAFF} userErrors: INVALID, NOT_FOUND, ORDER_NOT_SHIPPABLE, TRACKING_NUMBER_TAKEN.`,
  })
  createShipment(@Arg('input', () => CreateShipmentInput, { description: 'The shipment.' }) input: CreateShipmentInput, @Ctx() ctx: ShippingContext) {
    return shipments.createShipment(ctx, input, requireIdentity(ctx).userId);
  }

  @Staff()
  @Mutation(() => ShipmentPayload, {
    description: `Appends a tracking event and moves the shipment to its status. A DELIVERED event delivers the shipment (shipment.delivered, once) and the order (DELIVERED in the answer, unless the orders subgraph did not answer: then shortly after). ${STAFF} userErrors: INVALID, NOT_FOUND, INVALID_STATUS_TRANSITION, EVENT_OUT_OF_ORDER.`,
  })
  addTrackingEvent(@Arg('input', () => AddTrackingEventInput, { description: 'The event.' }) input: AddTrackingEventInput, @Ctx() ctx: ShippingContext) {
    return shipments.addTrackingEvent(ctx, input);
  }

  @FieldResolver(() => [ShipmentEvent], { description: 'Tracking events, oldest first (by occurredAt).' })
  events(@Root() s: ShipmentRow, @Ctx() ctx: ShippingContext): Promise<ShipmentEventRow[]> {
    return ctx.loaders.eventsByShipmentId.load(s.id);
  }

  @FieldResolver(() => Order, { description: 'The order shipped (the orders subgraph answers its fields).' })
  order(@Root() s: ShipmentRow): Order {
    return { id: s.orderId };
  }
}
