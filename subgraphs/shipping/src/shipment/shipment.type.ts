import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';
import { ShipmentStatus } from './shipment-status';

@ObjectType({ description: 'One scan or status report of a shipment by its carrier.' })
export class ShipmentEvent {
  @Field(() => ShipmentStatus, { description: 'The status the event reports.' })
  status!: ShipmentStatus;

  @Field(() => String, { nullable: true, description: 'Where it happened, e.g. "Oakland, CA"; null when not reported.' })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'The carrier\'s words, e.g. "Arrived at facility"; null when none.' })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened (ISO-8601).' })
  occurredAt!: Date;
}

@ObjectType({ description: 'A parcel of an order on its way with a carrier. Seen by staff and, through the order, by its customer.' })
export class Shipment {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'Who delivers, e.g. "UPS".' })
  carrier!: string;

  @Field({ description: 'The carrier\'s tracking number (upper case): unique per carrier.' })
  trackingNumber!: string;

  @Field(() => ShipmentStatus, { description: 'The status of the latest tracking event.' })
  status!: ShipmentStatus;

  @Field(() => String, { nullable: true, description: 'The expected delivery date, YYYY-MM-DD; null when unknown.' })
  estimatedDelivery!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was delivered (the DELIVERED event\'s time); null until then.' })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the shipment was created (ISO-8601).' })
  createdAt!: Date;
}

@ObjectType({ description: 'What the public tracking page shows of a shipment: no order, customer or address.' })
export class ShipmentTracking {
  @Field({ description: 'Who delivers, e.g. "UPS".' })
  carrier!: string;

  @Field({ description: 'The carrier\'s tracking number.' })
  trackingNumber!: string;

  @Field(() => ShipmentStatus, { description: 'The status of the latest tracking event.' })
  status!: ShipmentStatus;

  @Field(() => String, { nullable: true, description: 'The expected delivery date, YYYY-MM-DD; null when unknown.' })
  estimatedDelivery!: string | null;
}
