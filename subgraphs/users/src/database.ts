import { createDatabase, type Database } from '../../../platform/db/data-source';
import type { Logger } from '../../../platform/logger';
import { queueEntities } from '../../../platform/queue/outbox.entity';
import { Accounts1732100000000 } from '../migrations/1732100000000-accounts';
import { NotificationsWishlists1732200000000 } from '../migrations/1732200000000-notifications-wishlists';
import { AccountEntities } from './account/account.entities';
import { AccountTokenEntity } from './account/account-token.entity';
import type { UsersConfig } from './config';
import { NotificationEntity } from './notification/notification.entity';
import { WishlistEntity, WishlistItemEntity } from './wishlist/wishlist.entity';

export const usersEntities = [...queueEntities, ...AccountEntities, AccountTokenEntity, NotificationEntity, WishlistEntity, WishlistItemEntity];
export const usersMigrations = [Accounts1732100000000, NotificationsWishlists1732200000000];

export function createUsersDatabase(config: Pick<UsersConfig, 'database'>, log: Logger): Database {
  return createDatabase({ name: 'users', db: config.database, entities: usersEntities, migrations: usersMigrations, log });
}
