import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { ShipmentStatus } from './shipment-status';

@InputType({ description: 'A new shipment of an order.' })
export class CreateShipmentInput {
  @Field(() => ID, { description: 'The order: CONFIRMED or PROCESSING (else ORDER_NOT_SHIPPABLE; unknown → NOT_FOUND).' })
  orderId!: string;

  @Field({ description: 'Who delivers, 1 to 50 characters, e.g. "UPS".' })
  carrier!: string;

  @Field(() => String, { nullable: true, description: 'The carrier\'s tracking number, 4 to 40 letters, digits or dashes (spaces dropped, upper-cased); generated when absent. One already used with this carrier → TRACKING_NUMBER_TAKEN.' })
  trackingNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The expected delivery date, YYYY-MM-DD.' })
  estimatedDelivery?: string | null;
}

@InputType({ description: 'A scan or status report of a shipment.' })
export class AddTrackingEventInput {
  @Field(() => ID, { description: 'The shipment (NOT_FOUND when unknown).' })
  shipmentId!: string;

  @Field(() => ShipmentStatus, { description: 'The reported status; it must be a move ShipmentStatus allows (else INVALID_STATUS_TRANSITION).' })
  status!: ShipmentStatus;

  @Field(() => String, { nullable: true, description: 'Where, at most 200 characters.' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'The carrier\'s words, at most 500 characters.' })
  description?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it happened; default now. Not before the latest event (else EVENT_OUT_OF_ORDER), not in the future (else INVALID).' })
  occurredAt?: Date | null;
}
