import { sql } from '../../../../platform/db/sql';
import { userError } from '../../../../platform/graphql/types';
import { callService } from '../common/call';
import { RECONCILE_PAYMENT } from '../common/remote-operations';
import type { OrdersContext } from '../context';
import { CheckoutError } from './checkout.errors';
import { CheckoutSagaEntity } from './checkout-saga.entity';
import { capturePayment, compensate, goForward, paymentRefusal } from './checkout-saga';
import { recordStep } from './saga-store';
import { reached } from './saga-steps';

export const RECONCILE_JOB = 'checkout.reconcile';
const BATCH = 20;

const abandoned = () => [userError(CheckoutError.CHECKOUT_FAILED, 'The checkout could not be completed: nothing was charged')];

/**
 * Drives a stuck saga forward or back. Before the order existed nothing was charged: undo. With the
 * order created, payments says what became of the payment (reconcilePayment): captured → forward,
 * authorized → capture then forward, declined or never asked → undo, unknown → left for later.
 */
export async function driveSaga(ctx: OrdersContext, saga: CheckoutSagaEntity): Promise<string> {
  if (!saga.plan || !reached(saga.step, 'ORDER_CREATED')) {
    await compensate(ctx, saga, abandoned());
    return 'compensated';
  }
  if (!reached(saga.step, 'PAYMENT_CAPTURED')) {
    const answer = (await callService(ctx, 'payments', RECONCILE_PAYMENT, { orderId: saga.orderId })).reconcilePayment;
    const status = answer.payment?.status;
    if (status === 'CAPTURED') {
      await recordStep(ctx, saga, 'PAYMENT_CAPTURED');
    } else if (status === 'AUTHORIZED') {
      await recordStep(ctx, saga, 'PAYMENT_AUTHORIZED');
      if (await capturePayment(ctx, saga, saga.orderId)) return saga.state === 'FAILED' ? 'compensated' : 'unknown';
    } else if (answer.userErrors.some((e) => e.code === 'PROVIDER_UNAVAILABLE') || status === 'PENDING') {
      return 'unknown';
    } else {
      await compensate(ctx, saga, [paymentRefusal(answer.userErrors) ?? abandoned()[0]]);
      return 'compensated';
    }
  }
  await goForward(ctx, saga, saga.plan);
  return saga.state === 'COMPLETED' ? 'completed' : 'compensated';
}

/**
 * The repeating job: sagas RUNNING past the deadline since their last step are claimed (their
 * updated_at moves on, so a parallel run skips them) and driven one by one; finished sagas older
 * than the retention are deleted (their keys may then be used again).
 */
export async function reconcileSagas(ctx: OrdersContext): Promise<Record<string, number>> {
  const { sagaDeadlineSeconds, idempotencyRetentionHours } = ctx.deps.config;
  const now = ctx.deps.now();
  const claimed = await ctx.db.write((m) =>
    sql<{ id: string }>(
      m,
      `UPDATE checkout_sagas SET updated_at = $2, attempts = attempts + 1
       WHERE id IN (SELECT id FROM checkout_sagas WHERE state = 'RUNNING' AND updated_at < $1 ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [new Date(now.getTime() - sagaDeadlineSeconds * 1000), now, BATCH],
    ),
  );
  const counts: Record<string, number> = {};
  for (const { id } of claimed) {
    const saga = await ctx.db.readPrimary((m) => m.findOneBy(CheckoutSagaEntity, { id }));
    if (!saga || saga.state !== 'RUNNING') continue;
    let outcome: string;
    try {
      outcome = await driveSaga(ctx, saga);
    } catch (error) {
      ctx.log.warn({ err: error, sagaId: id, orderId: saga.orderId }, 'stuck checkout not moved yet');
      outcome = 'unknown';
    }
    counts[outcome] = (counts[outcome] ?? 0) + 1;
  }
  await ctx.db.write((m) =>
    sql(m, `DELETE FROM checkout_sagas WHERE state <> 'RUNNING' AND created_at < $1`, [new Date(now.getTime() - idempotencyRetentionHours * 3_600_000)]),
  );
  return counts;
}
