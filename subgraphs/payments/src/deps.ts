import type { SubgraphDeps } from '../../../platform/subgraph';
import type { PaymentsConfig } from './config';
import type { PaymentProvider } from './provider/payment-provider';
import { tableLedger } from './provider/simulated-ledger';
import { SimulatedProvider } from './provider/simulated-provider';

/** The shared dependencies plus the card gateway. */
export interface PaymentsDeps extends SubgraphDeps<PaymentsConfig> {
  provider: PaymentProvider;
}

/** The gateway PAYMENT_PROVIDER names, on the shared database (the simulated one keeps its ledger there). */
export function paymentsDeps(shared: SubgraphDeps<PaymentsConfig>): Pick<PaymentsDeps, 'provider'> {
  const { latencyMs, failureRate } = shared.config.provider;
  return { provider: new SimulatedProvider(tableLedger(shared.database.dataSource), { latencyMs, failureRate }) };
}
