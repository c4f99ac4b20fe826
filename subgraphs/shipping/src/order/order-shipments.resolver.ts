import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isUuid } from '../../../../platform/validation';
import type { ShippingContext } from '../context';
import type { ShipmentRow } from '../shipment/shipment-row';
import { Shipment } from '../shipment/shipment.type';
import { Order } from './order.type';

@Resolver(() => Order)
export class OrderShipmentsResolver {
  @FieldResolver(() => [Shipment], { description: 'The order\'s shipments, oldest first; empty until it ships.' })
  shipments(@Root() order: Order, @Ctx() ctx: ShippingContext): Promise<ShipmentRow[]> | ShipmentRow[] {
    return isUuid(order.id) ? ctx.loaders.shipmentsByOrderId.load(order.id.toLowerCase()) : [];
  }
}
