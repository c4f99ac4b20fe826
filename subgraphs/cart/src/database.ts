import { createDatabase, type Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { queueEntities } from '../../../platform/queue/outbox.entity';
import { Cart1733000000000 } from '../migrations/1733000000000-cart';
import { CartEntities } from './cart/cart.entity';
import type { CartConfig } from './config';
import { DiscountEntities } from './discount/discount.entity';

export const cartEntities = [...queueEntities, ...CartEntities, ...DiscountEntities];
export const cartMigrations = [Cart1733000000000];

export function createCartDatabase(config: Pick<CartConfig, 'database'>, log: Logger): Database {
  return createDatabase({ name: 'cart', db: config.database, entities: cartEntities, migrations: cartMigrations, log });
}
