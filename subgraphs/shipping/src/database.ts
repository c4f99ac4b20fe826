import { createDatabase, type Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { queueEntities } from '../../../platform/queue/outbox.entity';
import { Shipping1733100000000 } from '../migrations/1733100000000-shipping';
import type { ShippingConfig } from './config';

/** Shipping's own tables are read and written with SQL (see each feature's *-row.ts); TypeORM knows only the queue's. */
export const shippingEntities = [...queueEntities];
export const shippingMigrations = [Shipping1733100000000];

export function createShippingDatabase(config: Pick<ShippingConfig, 'database'>, log: Logger): Database {
  return createDatabase({ name: 'shipping', db: config.database, entities: shippingEntities, migrations: shippingMigrations, log });
}
