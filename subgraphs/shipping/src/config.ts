import { Env, readCommonConfig, type CommonConfig } from '../../../platform/config';
import type { DatabaseConfig } from '../../../platform/db/data-source';
import { readDatabaseConfig } from '../../../platform/db/database-config';

export interface ShippingConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
  /** The cart subgraph's GraphQL URL: shipping rates read a cart's weight and subtotal there. */
  cartUrl: string;
  /** How long a call to the cart subgraph may take (ms). */
  cartTimeoutMs: number;
}

export function readShippingConfig(source: NodeJS.ProcessEnv = process.env): ShippingConfig {
  const env = new Env(source);
  const config: ShippingConfig = {
    ...readCommonConfig(env),
    port: env.int('SHIPPING_PORT', 4006, { min: 1, max: 65535 }),
    workerPort: env.int('SHIPPING_WORKER_PORT', 4106, { min: 1, max: 65535 }),
    database: readDatabaseConfig(env, 'shipping', 'postgres://postgres@127.0.0.1:5433/shipping'),
    cartUrl: env.url('CART_URL', 'http://127.0.0.1:4003/graphql', ['http', 'https']),
    cartTimeoutMs: env.int('CART_TIMEOUT_MS', 3000, { min: 100, max: 60_000 }),
  };
  env.done();
  return config;
}
