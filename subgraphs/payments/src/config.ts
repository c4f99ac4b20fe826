import { ConfigError, type CommonConfig, type Env } from '../../../platform/config';
import type { SubgraphConfig } from '../../../platform/subgraph-config';

export interface ProviderConfig {
  /** Which card gateway: only "simulated" exists so far. */
  kind: 'simulated';
  /** How long a provider call may take before its answer is given up on (the operation is then reconciled). */
  timeoutMs: number;
  /** Simulated gateway: latency added to every call, in milliseconds. */
  latencyMs: number;
  /** Simulated gateway: the share of calls, 0 to 1, that fail as unavailable. */
  failureRate: number;
}

export interface PaymentsConfig extends SubgraphConfig {
  provider: ProviderConfig;
}

/** A number between 0 and 1 (Env reads integers only). */
function rate(env: Env, name: string): number {
  const raw = env.optional(name);
  if (raw === undefined) return 0;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError([`${name} must be a number between 0 and 1 (got "${raw}")`]);
  return value;
}

/**
 * The payments subgraph's own settings: PAYMENT_PROVIDER (simulated), PAYMENT_PROVIDER_TIMEOUT_MS
 * (default 5000), PAYMENT_PROVIDER_LATENCY_MS (default 0), PAYMENT_PROVIDER_FAILURE_RATE (0 to 1, default 0).
 */
export function readPaymentsSettings(env: Env, _common: CommonConfig): Omit<PaymentsConfig, keyof SubgraphConfig> {
  return {
    provider: {
      kind: env.oneOf('PAYMENT_PROVIDER', ['simulated'] as const, 'simulated'),
      timeoutMs: env.int('PAYMENT_PROVIDER_TIMEOUT_MS', 5000, { min: 10, max: 120_000 }),
      latencyMs: env.int('PAYMENT_PROVIDER_LATENCY_MS', 0, { min: 0, max: 60_000 }),
      failureRate: rate(env, 'PAYMENT_PROVIDER_FAILURE_RATE'),
    },
  };
}
