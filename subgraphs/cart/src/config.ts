import type { Env } from '../../../platform/config';
import { readSubgraphConfig, type SubgraphConfig } from '../../../platform/subgraph-config';

export interface CartConfig extends SubgraphConfig {
  /** A cart left unchanged this long is ABANDONED (seconds; default 7 days). */
  abandonAfterSeconds: number;
  /** How often the worker looks for idle carts (milliseconds; default 15 minutes). */
  abandonSweepMs: number;
  /** How long a call to the catalog may take (milliseconds). */
  catalogTimeoutMs: number;
}

/** The cart's own settings (ports, database, the catalog's URL and common settings are the platform's). */
export function readCartSettings(env: Env): Omit<CartConfig, keyof SubgraphConfig> {
  return {
    abandonAfterSeconds: env.int('CART_ABANDON_AFTER_SECONDS', 7 * 86_400, { min: 60, max: 365 * 86_400 }),
    abandonSweepMs: env.int('CART_ABANDON_SWEEP_MS', 15 * 60_000, { min: 100, max: 86_400_000 }),
    catalogTimeoutMs: env.int('CART_CATALOG_TIMEOUT_MS', 3000, { min: 100, max: 60_000 }),
  };
}

export const readCartConfig = (source: NodeJS.ProcessEnv = process.env): CartConfig => readSubgraphConfig('cart', source, readCartSettings);
