import 'reflect-metadata';
import { migrate } from '../../../platform/db/data-source';
import { createLogger } from '../../../platform/logger';
import { readCartConfig } from './config';
import { createCartDatabase } from './database';

/** The demo shop's discount codes: WELCOME10 (10 % off) and SAVE5 (5.00 off from 25.00). Idempotent. */
async function main() {
  const log = createLogger('cart-seed');
  const database = createCartDatabase(readCartConfig(), log);
  await database.dataSource.initialize();
  try {
    await migrate(database.dataSource);
    const rows: unknown[] = await database.dataSource.query(
      `INSERT INTO discount_codes (code, kind, value, minimum_subtotal)
       VALUES ('WELCOME10', 'PERCENTAGE', 10, NULL), ('SAVE5', 'FIXED_AMOUNT', 5, 25)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
    );
    log.info({ added: rows.length }, rows.length ? 'seeded the demo discount codes' : 'the demo discount codes are already there');
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
