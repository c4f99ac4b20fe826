import { In, type EntityManager } from 'typeorm';
import type { UserError } from '../../../../platform/graphql/types';
import type { OrdersContext } from '../context';
import type { CheckoutPlan } from './checkout-plan';
import { CheckoutSagaEntity, type CheckoutResult } from './checkout-saga.entity';
import type { SagaStep } from './saga-steps';

/** Records the step a saga reached (and its plan), in `m` when given (the step's own transaction). */
export async function recordStep(ctx: OrdersContext, saga: CheckoutSagaEntity, step: SagaStep, plan?: CheckoutPlan, m?: EntityManager): Promise<void> {
  saga.step = step;
  if (plan) saga.plan = plan;
  const change = { step, ...(plan ? { plan } : {}) };
  if (m) await m.update(CheckoutSagaEntity, { id: saga.id }, change);
  else await ctx.db.write((w) => w.update(CheckoutSagaEntity, { id: saga.id }, change));
}

/** The saga's final answer: what every repeat of its idempotency key answers. */
export async function finish(ctx: OrdersContext, saga: CheckoutSagaEntity, state: 'COMPLETED' | 'FAILED', step: SagaStep, result: CheckoutResult, m?: EntityManager): Promise<CheckoutResult> {
  Object.assign(saga, { state, step, result });
  const change = { state, step, result };
  if (m) await m.update(CheckoutSagaEntity, { id: saga.id }, change);
  else await ctx.db.write((w) => w.update(CheckoutSagaEntity, { id: saga.id }, change));
  return result;
}

/**
 * Forgets a saga that stopped with an error before its first step with an effect (the stock
 * reservation): nothing was done, so its key and its cart are free for a retry at once instead of
 * waiting for the reconcile job. Only a saga still at STARTED or VALIDATED is deleted.
 */
export async function forgetUnstarted(ctx: OrdersContext, saga: CheckoutSagaEntity): Promise<void> {
  await ctx.db.write((m) => m.delete(CheckoutSagaEntity, { id: saga.id, state: 'RUNNING', step: In(['STARTED', 'VALIDATED']) }));
}

export const failedResult = (...userErrors: UserError[]): CheckoutResult => ({ orderId: null, userErrors });
