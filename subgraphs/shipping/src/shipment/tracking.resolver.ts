import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import type { ShippingContext } from '../context';
import type { ShipmentEventRow, ShipmentRow } from './shipment-row';
import { ShipmentEntity } from './shipment.entities';
import { ShipmentEvent, ShipmentTracking } from './shipment.type';
import { normalizeTrackingNumber, TRACKING_NUMBER } from './tracking-number';

@Resolver(() => ShipmentTracking)
export class TrackingResolver {
  @Directive(PRIVATE)
  @Query(() => ShipmentTracking, {
    nullable: true,
    description:
      'The public tracking page: a shipment\'s carrier, status and events by tracking number (case and spaces do not matter), without any order or customer data. Anyone may ask. null when no shipment has the number; when two carriers use the same number, the newest shipment. Never cached, so a new event shows at once.',
  })
  async trackShipment(@Arg('trackingNumber', () => String, { description: 'The tracking number.' }) trackingNumber: string, @Ctx() ctx: ShippingContext): Promise<ShipmentRow | null> {
    const number = normalizeTrackingNumber(trackingNumber);
    if (!TRACKING_NUMBER.test(number)) return null;
    return ctx.db.read((m) => m.findOne(ShipmentEntity, { where: { trackingNumber: number }, order: { seq: 'DESC' } }));
  }

  @FieldResolver(() => [ShipmentEvent], { description: 'Tracking events, oldest first (by occurredAt).' })
  events(@Root() s: ShipmentRow, @Ctx() ctx: ShippingContext): Promise<ShipmentEventRow[]> {
    return ctx.loaders.eventsByShipmentId.load(s.id);
  }
}
