import { Env, readCommonConfig, type CommonConfig } from '../../../platform/config';
import type { DatabaseConfig } from '../../../platform/db/data-source';
import { readDatabaseConfig } from '../../../platform/db/database-config';

export interface CartConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
  /** The catalog subgraph's GraphQL URL (product status, prices and stock). */
  catalogUrl: string;
  /** A cart left unchanged this long is ABANDONED (seconds; default 7 days). */
  abandonAfterSeconds: number;
  /** How often the worker looks for idle carts (milliseconds; default 15 minutes). */
  abandonSweepMs: number;
}

export function readCartConfig(source: NodeJS.ProcessEnv = process.env): CartConfig {
  const env = new Env(source);
  const config: CartConfig = {
    ...readCommonConfig(env),
    port: env.int('CART_PORT', 4003, { min: 1, max: 65535 }),
    workerPort: env.int('CART_WORKER_PORT', 4103, { min: 1, max: 65535 }),
    database: readDatabaseConfig(env, 'cart', 'postgres://postgres@127.0.0.1:5433/cart'),
    catalogUrl: env.url('CATALOG_URL', 'http://127.0.0.1:4002/graphql', ['http', 'https']),
    abandonAfterSeconds: env.int('CART_ABANDON_AFTER_SECONDS', 7 * 86_400, { min: 60, max: 365 * 86_400 }),
    abandonSweepMs: env.int('CART_ABANDON_SWEEP_MS', 15 * 60_000, { min: 100, max: 86_400_000 }),
  };
  env.done();
  return config;
}
