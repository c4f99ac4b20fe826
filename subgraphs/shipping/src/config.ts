import type { Env } from '../../../platform/config';
import { readSubgraphConfig, type SubgraphConfig } from '../../../platform/subgraph-config';

export interface ShippingConfig extends SubgraphConfig {
  /** How long a call to the cart subgraph may take (ms). */
  cartTimeoutMs: number;
  /** How long a call to the orders subgraph (a shipment moves its order) may take (ms). */
  ordersTimeoutMs: number;
}

/** Shipping's own settings (ports, database and common settings are the platform's). */
export function readShippingSettings(env: Env): Omit<ShippingConfig, keyof SubgraphConfig> {
  return {
    cartTimeoutMs: env.int('CART_TIMEOUT_MS', 3000, { min: 100, max: 60_000 }),
    ordersTimeoutMs: env.int('SHIPPING_ORDERS_TIMEOUT_MS', 3000, { min: 100, max: 60_000 }),
  };
}

export const readShippingConfig = (source: NodeJS.ProcessEnv = process.env): ShippingConfig => readSubgraphConfig('shipping', source, readShippingSettings);
