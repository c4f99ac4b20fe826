import type { GraphQLSchema } from 'graphql';
import '../../../platform/auth/roles';
import { authChecker } from '../../../platform/graphql/auth-checker';
import { buildFederatedSchema } from '../../../platform/graphql/federation';
import { OrderShipmentsResolver } from './order/order-shipments.resolver';
import { orderReference } from './order/order.reference';
import { ShippingRateResolver } from './rate/rate.resolver';
import { ShipmentResolver } from './shipment/shipment.resolver';
import { TrackingResolver } from './shipment/tracking.resolver';
import { ShippingMethodResolver, ShippingZoneResolver } from './zone/zone.resolver';

export const shippingResolvers = [ShippingRateResolver, ShippingZoneResolver, ShippingMethodResolver, ShipmentResolver, TrackingResolver, OrderShipmentsResolver] as const;

export function buildShippingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: shippingResolvers, authChecker }, orderReference);
}
