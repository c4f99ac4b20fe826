import { createDatabase, type Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { queueEntities } from '../../../platform/queue/outbox.entity';
import { Accounts1732100000000 } from '../migrations/1732100000000-accounts';
import { AccountEntities } from './account/account.entities';
import type { UsersConfig } from './config';

export const usersEntities = [...queueEntities, ...AccountEntities];
export const usersMigrations = [Accounts1732100000000];

export function createUsersDatabase(config: Pick<UsersConfig, 'database'>, log: Logger): Database {
  return createDatabase({ name: 'users', db: config.database, entities: usersEntities, migrations: usersMigrations, log });
}
