import type { EntityManager } from 'typeorm';
import type { BaseContext } from '../../../../platform/context';
import { ProviderTimeoutError, ProviderUnavailableError, type PaymentProvider, type ProviderResult } from './payment-provider';
import { ProviderCallEntity, type ProviderCallOutcome } from './provider-call.entity';

/** No answer came: the provider failed, or the deadline passed (the operation's fate is then unknown). */
export interface Unavailable {
  status: 'unavailable';
  timedOut: boolean;
  message: string;
}

export interface ProviderCall {
  operation: keyof Omit<PaymentProvider, 'name'>;
  idempotencyKey: string;
  paymentId?: string | null;
  refundId?: string | null;
  request: object;
}

/** Runs `call` with a deadline; a late answer is ignored (the operation is then looked up later). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderTimeoutError(ms)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const OUTCOME: Record<ProviderResult['status'], ProviderCallOutcome> = { succeeded: 'SUCCEEDED', declined: 'DECLINED' };

/**
 * Calls the provider within `timeoutMs` and writes one provider_calls row (operation, request,
 * response, duration, outcome) with `m` when given (the caller's transaction), else on its own.
 * Provider failures and timeouts come back as `unavailable`; other errors are thrown (bugs).
 */
export async function callProvider<T extends ProviderResult | null>(
  ctx: BaseContext,
  provider: PaymentProvider,
  timeoutMs: number,
  call: ProviderCall,
  run: () => Promise<T>,
  m?: EntityManager,
): Promise<T | Unavailable> {
  const started = performance.now();
  let outcome: T | Unavailable;
  try {
    outcome = await withDeadline(run(), timeoutMs);
  } catch (error) {
    if (!(error instanceof ProviderTimeoutError) && !(error instanceof ProviderUnavailableError)) throw error;
    outcome = { status: 'unavailable', timedOut: error instanceof ProviderTimeoutError, message: error.message };
  }
  const row = {
    paymentId: call.paymentId ?? null,
    refundId: call.refundId ?? null,
    provider: provider.name,
    operation: call.operation,
    idempotencyKey: call.idempotencyKey,
    request: call.request,
    response: outcome && outcome.status !== 'unavailable' ? outcome : outcome ? { error: outcome.message } : null,
    outcome: outcomeOf(outcome),
    durationMs: Math.round(performance.now() - started),
  };
  if (m) await m.insert(ProviderCallEntity, row);
  else await ctx.db.write((w) => w.insert(ProviderCallEntity, row));
  if (outcome?.status === 'unavailable') ctx.log.warn({ operation: call.operation, key: call.idempotencyKey, error: outcome.message }, 'payment provider unavailable');
  return outcome;
}

function outcomeOf(outcome: ProviderResult | Unavailable | null): ProviderCallOutcome {
  if (!outcome) return 'SUCCEEDED'; // a lookup that found nothing was answered
  if (outcome.status === 'unavailable') return outcome.timedOut ? 'TIMEOUT' : 'ERROR';
  return OUTCOME[outcome.status];
}
