import type { Env } from '../../../platform/config';

/**
 * Request budgets per client (the signed-in user, else the client's IP address), over a window.
 * An operation spends 1 point per root-field call (aliases included) plus 1 per `costPerPoint` of
 * its cost (computed with its variables), so a heavy query counts as several requests. Checkout has
 * its own, smaller budget on top of the API one; the account mutations have theirs
 * (auth-limits.config.ts).
 *
 * | setting                           | production | development |
 * | --------------------------------- | ---------- | ----------- |
 * | RATE_LIMIT_POINTS (per window)    | 100        | 100000      |
 * | RATE_LIMIT_CHECKOUT_POINTS        | 10         | 10000       |
 * | RATE_LIMIT_WINDOW_SECONDS         | 60         | 60          |
 * | RATE_LIMIT_COST_PER_POINT         | 1000       | 1000        |
 */
export interface RateLimitConfig {
  enabled: boolean;
  windowSeconds: number;
  points: number;
  checkoutPoints: number;
  costPerPoint: number;
  /**
   * Express `trust proxy`: which peers' X-Forwarded-For is believed (e.g. "loopback",
   * "10.0.0.0/8", or a hop count). Empty: the socket's address is the client's.
   */
  trustedProxies: string | undefined;
  /** Prefix of the limiter keys in Redis (several deployments may share one Redis). */
  keyPrefix: string;
}

export function readRateLimitConfig(env: Env, production: boolean): RateLimitConfig {
  return {
    enabled: env.bool('RATE_LIMIT_ENABLED', true),
    windowSeconds: env.int('RATE_LIMIT_WINDOW_SECONDS', 60, { min: 1, max: 86_400 }),
    points: env.int('RATE_LIMIT_POINTS', production ? 100 : 100_000, { min: 1 }),
    checkoutPoints: env.int('RATE_LIMIT_CHECKOUT_POINTS', production ? 10 : 10_000, { min: 1 }),
    costPerPoint: env.int('RATE_LIMIT_COST_PER_POINT', 1000, { min: 1 }),
    trustedProxies: env.optional('TRUSTED_PROXIES'),
    keyPrefix: env.string('RATE_LIMIT_KEY_PREFIX', 'rate-limit'),
  };
}
