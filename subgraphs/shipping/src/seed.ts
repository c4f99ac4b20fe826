import type { ShippingDeps } from './deps';
import { seedShipping } from './seed/seed-shipping';

/** The demo shop's shipping zones and methods: the US (a ZIP 9xxxx zone and the rest), Thailand and the EU. Idempotent. */
export async function seedDemoShipping({ database, log }: ShippingDeps): Promise<void> {
  const started = Date.now();
  const result = await seedShipping(database.dataSource);
  if (result.seeded) log.info({ ...result.counts, ms: Date.now() - started }, `seeded ${result.counts.zones} shipping zones and ${result.counts.methods} methods`);
  else log.info({ ms: Date.now() - started }, 'the demo shipping zones are already there');
}
