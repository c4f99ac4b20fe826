import type { EntityManager } from 'typeorm';
import type { PaymentsContext } from '../context';
import type { ProviderResult } from '../provider/payment-provider';
import { callProvider, type ProviderCall, type Unavailable } from '../provider/provider-call';

/** A call to the configured provider within its deadline, logged in provider_calls (with `m`: in that transaction). */
export function askProvider<T extends ProviderResult | null>(
  ctx: PaymentsContext,
  call: ProviderCall,
  run: (provider: PaymentsContext['deps']['provider']) => Promise<T>,
  m?: EntityManager,
): Promise<T | Unavailable> {
  const { provider, config } = ctx.deps;
  return callProvider(ctx, provider, config.provider.timeoutMs, call, () => run(provider), m);
}
