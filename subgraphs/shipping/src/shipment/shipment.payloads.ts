import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import type { ShipmentRow } from './shipment-row';
import { Shipment } from './shipment.type';

@ObjectType({ description: 'A shipment after createShipment or addTrackingEvent.' })
export class ShipmentPayload {
  @Field(() => Shipment, { nullable: true, description: 'The shipment as stored; null when userErrors is not empty (then nothing changed).' })
  shipment!: ShipmentRow | null;

  @Field(() => [UserError], {
    description: 'Why nothing changed: INVALID, NOT_FOUND, ORDER_NOT_SHIPPABLE, TRACKING_NUMBER_TAKEN, INVALID_STATUS_TRANSITION, EVENT_OUT_OF_ORDER.',
  })
  userErrors!: UserError[];
}
