import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { createLogger } from '../../../platform/logger';
import { readShippingConfig } from './config';
import { createShippingDatabase } from './database';
import { seedShipping } from './seed/seed-shipping';

/** The demo shop's shipping zones and methods: the US (a ZIP 9xxxx zone and the rest), Thailand and the EU. Idempotent. */
async function main() {
  const started = Date.now();
  const log = createLogger('shipping-seed');
  const config = readShippingConfig();
  const database = createShippingDatabase(config, log);
  await database.dataSource.initialize();
  try {
    await migrate(database.dataSource);
    const result = await seedShipping(database.dataSource);
    if (result.seeded) log.info({ ...result.counts, ms: Date.now() - started }, `seeded ${result.counts.zones} shipping zones and ${result.counts.methods} methods`);
    else log.info({ ms: Date.now() - started }, 'the demo shipping zones are already there');
  } finally {
    await database.dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
