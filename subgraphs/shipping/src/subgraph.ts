import { defineSubgraph } from '../../../platform/subgraph';
import { Shipping1733100000000 } from '../migrations/1733100000000-shipping';
import { readShippingSettings, type ShippingConfig } from './config';
import { createShippingContext, type ShippingContext } from './context';
import type { ShippingDeps } from './deps';
import { shippingJobHandlers } from './jobs';
import { OrderRefEntity } from './order/order-ref.entity';
import { OrderShipmentsResolver } from './order/order-shipments.resolver';
import { orderReference } from './order/order.reference';
import { ShippingRateResolver } from './rate/rate.resolver';
import { seedDemoShipping } from './seed';
import { ShipmentEntities } from './shipment/shipment.entities';
import { ShipmentResolver } from './shipment/shipment.resolver';
import { TrackingResolver } from './shipment/tracking.resolver';
import { ZoneEntities } from './zone/zone.entities';
import { ShippingMethodResolver, ShippingZoneResolver } from './zone/zone.resolver';

/** Shipping zones, methods and rates, shipments and tracking; Order.shipments. */
export default defineSubgraph<ShippingConfig, ShippingDeps, ShippingContext>({
  name: 'shipping',
  entities: [...ZoneEntities, ...ShipmentEntities, OrderRefEntity],
  migrations: [Shipping1733100000000],
  resolvers: [ShippingRateResolver, ShippingZoneResolver, ShippingMethodResolver, ShipmentResolver, TrackingResolver, OrderShipmentsResolver],
  references: orderReference,
  config: readShippingSettings,
  createContext: createShippingContext,
  jobHandlers: (deps) => shippingJobHandlers(deps),
  seed: seedDemoShipping,
});
