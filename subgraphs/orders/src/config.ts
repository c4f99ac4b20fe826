import type { CommonConfig, Env } from '../../../platform/config';
import { readFaults, type Faults } from '../../../platform/fault-injection';
import type { SubgraphConfig } from '../../../platform/subgraph-config';

export interface OrdersConfig extends SubgraphConfig {
  /** How long the checkout's stock reservation holds before the catalog releases it (seconds). */
  reservationTtlSeconds: number;
  /** A checkout still RUNNING this long after its last step is stuck: the reconcile job moves it; also how long a return's receipt stays claimed (seconds). */
  sagaDeadlineSeconds: number;
  /** How often the worker looks for stuck checkouts and unfinished return receipts (milliseconds). */
  reconcileEveryMs: number;
  /** How long a repeat of a checkout still running waits for its answer before IDEMPOTENCY_KEY_IN_USE (milliseconds). */
  idempotencyWaitMs: number;
  /** How long finished checkouts (and their idempotency keys) are kept (hours, at least 24). */
  idempotencyRetentionHours: number;
  /** The timeout of one call to another subgraph (milliseconds). */
  serviceTimeoutMs: number;
  /** TEST ONLY: FAULT_INJECT (platform/fault-injection.ts), e.g. `checkout.after-capture:kill`; refused in production. */
  faults: Faults;
}

/**
 * The points of the orders code FAULT_INJECT may name (tests only): `checkout.after-capture` is in
 * the checkout request, after the payment is captured and recorded and before the stock is committed
 * and the order confirmed.
 */
export const ORDERS_FAULT_POINTS = ['checkout.after-capture'] as const;

/**
 * The orders subgraph's own settings: ORDERS_RESERVATION_TTL_SECONDS (600), ORDERS_SAGA_DEADLINE_SECONDS
 * (120), ORDERS_RECONCILE_EVERY_MS (60000), ORDERS_IDEMPOTENCY_WAIT_MS (20000),
 * ORDERS_IDEMPOTENCY_RETENTION_HOURS (48), ORDERS_SERVICE_TIMEOUT_MS (10000), and the test-only
 * FAULT_INJECT (unset; a process in production refuses to start with it).
 */
export function readOrdersSettings(env: Env, common: Pick<CommonConfig, 'production'>): Omit<OrdersConfig, keyof SubgraphConfig> {
  return {
    reservationTtlSeconds: env.int('ORDERS_RESERVATION_TTL_SECONDS', 600, { min: 60, max: 86_400 }),
    sagaDeadlineSeconds: env.int('ORDERS_SAGA_DEADLINE_SECONDS', 120, { min: 1, max: 86_400 }),
    reconcileEveryMs: env.int('ORDERS_RECONCILE_EVERY_MS', 60_000, { min: 100, max: 86_400_000 }),
    idempotencyWaitMs: env.int('ORDERS_IDEMPOTENCY_WAIT_MS', 20_000, { min: 0, max: 120_000 }),
    idempotencyRetentionHours: env.int('ORDERS_IDEMPOTENCY_RETENTION_HOURS', 48, { min: 24, max: 24 * 365 }),
    serviceTimeoutMs: env.int('ORDERS_SERVICE_TIMEOUT_MS', 10_000, { min: 100, max: 120_000 }),
    faults: readFaults(env, common.production, ORDERS_FAULT_POINTS),
  };
}
