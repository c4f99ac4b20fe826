import { ServiceClient } from '../../../platform/service-client/service-client';
import type { SubgraphDeps } from '../../../platform/subgraph';
import type { ShippingConfig } from './config';

/** What the shipping subgraph's processes are built from: the shared dependencies and the client it calls the cart subgraph with. */
export interface ShippingDeps extends SubgraphDeps<ShippingConfig> {
  /** Calls other subgraphs as "shipping" (the cart's `cartForShipping`). */
  services: ServiceClient;
}

/** The service client, pointed at CART_URL (tests point it at a fake cart). */
export function shippingServices({ config }: SubgraphDeps<ShippingConfig>): Pick<ShippingDeps, 'services'> {
  return { services: new ServiceClient({ caller: 'shipping', internalSecret: config.internalSecret, urls: { cart: config.cartUrl }, timeoutMs: config.cartTimeoutMs }) };
}
