import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../../../platform/logger';
import type { GatewayContext } from '../gateway-context';
import { noteThrottleStatus, requestCost } from '../limits/cost.plugin';
import { gatewayMetrics } from '../metrics/gateway-metrics';
import type { RateLimitConfig } from './rate-limit.config';
import { rootFieldCalls } from './root-fields';

/** What a response tells the client about its budget (in `extensions.rateLimit`). */
export interface RateLimitBudget {
  /** Points per window. */
  limit: number;
  /** Points left in the current window. */
  remaining: number;
  /** Seconds until the window starts again. */
  resetSeconds: number;
  /** Points this operation spent. */
  cost: number;
}

/** Mutations with their own, smaller budget. */
const CHECKOUT_FIELDS = new Set(['checkout']);

/** Who a budget belongs to: the signed-in user, else the client's address. */
export function clientKey(context: GatewayContext): string {
  return context.identity ? `user:${context.identity.userId}` : `ip:${context.client.ip ?? 'unknown'}`;
}

/** A limiter on Redis; `blockDuration` seconds of lockout once a key goes over its points. */
export function limiter(redis: Redis, prefix: string, points: number, duration: number, blockDuration = 0): RateLimiterAbstract {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: prefix,
    points,
    duration,
    blockDuration,
    rejectIfRedisNotReady: true,
    // while Redis is away each instance counts on its own rather than letting everything through
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}-local`, points, duration, blockDuration }),
  });
}

function throttled(res: RateLimiterRes, what: string): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new GraphQLError(`Too many requests (${what}): try again in ${retryAfter} s`, {
    extensions: {
      code: 'THROTTLED',
      retryAfterSeconds: retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
    },
  });
}

/** Points an operation spends: one per root field call (aliases included) plus one per `costPerPoint` of its cost. */
export function operationPoints(rootCalls: number, cost: number, costPerPoint: number): number {
  return Math.max(1, rootCalls) + Math.floor(cost / costPerPoint);
}

/**
 * Rate limits on Redis, shared by every gateway instance: each operation spends
 * `rootFieldCalls + floor(cost / costPerPoint)` points of its client's budget once it is validated
 * (so invalid or over-limit operations cost nothing; ten aliased calls cost ten points), and each
 * checkout call also spends one point of the checkout budget. Over budget → HTTP 429 with
 * Retry-After and a THROTTLED error, before any subgraph is called. `maxCost` is the cost limit:
 * an operation over it is refused by the cost limit, not charged here.
 */
export function rateLimitPlugin(deps: { redis: Redis; config: RateLimitConfig; log: Logger; maxCost?: number }): ApolloServerPlugin<GatewayContext> {
  const { config } = deps;
  const api = limiter(deps.redis, `${config.keyPrefix}:api`, config.points, config.windowSeconds);
  const checkout = limiter(deps.redis, `${config.keyPrefix}:checkout`, config.checkoutPoints, config.windowSeconds);

  const spend = async (which: RateLimiterAbstract, name: string, key: string, points: number): Promise<RateLimiterRes | undefined> => {
    try {
      return await which.consume(key, points);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        gatewayMetrics.throttled.inc({ budget: name });
        throw throttled(error, name);
      }
      deps.log.warn({ err: error }, 'rate limiter unavailable; request allowed');
      return undefined;
    }
  };

  return {
    async requestDidStart() {
      let budget: RateLimitBudget | undefined;
      return {
        async didResolveOperation(rc) {
          const { contextValue, operation, document, request } = rc;
          const cost = requestCost(rc, deps.maxCost ?? Number.POSITIVE_INFINITY);
          if (cost.overLimit || !operation) return;
          const key = clientKey(contextValue);
          const calls = rootFieldCalls(operation, document);
          const points = operationPoints(calls.length, cost.requested, config.costPerPoint);
          budget = { limit: config.points, remaining: 0, resetSeconds: config.windowSeconds, cost: points };
          const res = await spend(api, 'api', key, points);
          if (res) budget = { ...budget, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
          noteThrottleStatus(request, { maximumAvailable: budget.limit, currentlyAvailable: budget.remaining, resetSeconds: budget.resetSeconds });
          const checkouts = operation.operation === 'mutation' ? calls.filter((c) => CHECKOUT_FIELDS.has(c.name)).length : 0;
          if (checkouts > 0) await spend(checkout, 'checkout', key, checkouts);
        },
        async willSendResponse({ response, overallCachePolicy }) {
          if (!budget) return;
          // a response a shared cache may keep must not carry one client's budget
          if (overallCachePolicy.policyIfCacheable()?.scope === 'PUBLIC') return;
          response.http.headers.set('ratelimit-limit', String(budget.limit));
          response.http.headers.set('ratelimit-remaining', String(budget.remaining));
          response.http.headers.set('ratelimit-reset', String(budget.resetSeconds));
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, rateLimit: budget };
          }
        },
      };
    },
  };
}
