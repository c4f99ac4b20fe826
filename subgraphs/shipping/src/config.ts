import type { Env } from '../../../platform/config';
import { readSubgraphConfig, type SubgraphConfig } from '../../../platform/subgraph-config';

export interface ShippingConfig extends SubgraphConfig {
  /** The cart subgraph's GraphQL URL: shipping rates read a cart's weight and subtotal there. */
  cartUrl: string;
  /** How long a call to the cart subgraph may take (ms). */
  cartTimeoutMs: number;
}

/** Shipping's own settings (ports, database and common settings are the platform's). */
export function readShippingSettings(env: Env): Omit<ShippingConfig, keyof SubgraphConfig> {
  return {
    cartUrl: env.url('CART_URL', 'http://127.0.0.1:4003/graphql', ['http', 'https']),
    cartTimeoutMs: env.int('CART_TIMEOUT_MS', 3000, { min: 100, max: 60_000 }),
  };
}

export const readShippingConfig = (source: NodeJS.ProcessEnv = process.env): ShippingConfig => readSubgraphConfig('shipping', source, readShippingSettings);
