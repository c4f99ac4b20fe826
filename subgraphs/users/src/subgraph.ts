import { defineSubgraph } from '../../../platform/subgraph';
import { Accounts1732100000000 } from '../migrations/1732100000000-accounts';
import { NotificationsWishlists1732200000000 } from '../migrations/1732200000000-notifications-wishlists';
import { RefreshSuccessor1732300000000 } from '../migrations/1732300000000-refresh-successor';
import { NotificationPreferences1732450000000 } from '../migrations/1732450000000-notification-preferences';
import { AccountRecoveryResolver } from './account/account-recovery.resolver';
import { AccountTokenEntity } from './account/account-token.entity';
import { AccountEntities } from './account/account.entities';
import { AccountResolver } from './account/account.resolver';
import { AddressResolver } from './address/address.resolver';
import { AddressCheckoutResolver } from './address/address-checkout.resolver';
import { UserAdminResolver } from './admin/user-admin.resolver';
import { readUsersSettings, type UsersConfig } from './config';
import { createUsersContext, type UsersContext } from './context';
import type { UsersDeps } from './deps';
import { usersJobHandlers, usersRepeatingJobs } from './jobs';
import { NotificationEntity } from './notification/notification.entity';
import { NotificationPreferenceEntity } from './notification/notification-preference.entity';
import { NotificationPreferenceResolver, UserNotificationPreferencesResolver } from './notification/notification-preference.resolver';
import { UserNotificationsResolver } from './notification/notification.resolver';
import { seedUsers } from './seed';
import { userReference } from './user/user.reference';
import { UserResolver } from './user/user.resolver';
import { WishlistEntity, WishlistItemEntity } from './wishlist/wishlist.entity';
import { UserWishlistsResolver, WishlistItemResolver, WishlistResolver } from './wishlist/wishlist.resolver';

/** Accounts, sessions, profiles, addresses, wishlists and notifications. */
export default defineSubgraph<UsersConfig, UsersDeps, UsersContext>({
  name: 'users',
  entities: [...AccountEntities, AccountTokenEntity, NotificationEntity, NotificationPreferenceEntity, WishlistEntity, WishlistItemEntity],
  migrations: [Accounts1732100000000, NotificationsWishlists1732200000000, RefreshSuccessor1732300000000, NotificationPreferences1732450000000],
  resolvers: [
    AccountResolver,
    AccountRecoveryResolver,
    UserResolver,
    AddressResolver,
    AddressCheckoutResolver,
    UserNotificationsResolver,
    UserNotificationPreferencesResolver,
    NotificationPreferenceResolver,
    UserWishlistsResolver,
    WishlistResolver,
    WishlistItemResolver,
    UserAdminResolver,
  ],
  references: userReference,
  config: readUsersSettings,
  createContext: createUsersContext,
  jobHandlers: (deps) => usersJobHandlers(deps),
  repeatingJobs: usersRepeatingJobs,
  seed: seedUsers,
  // the stale-claim sweep and the revocation check only where a test asks for them (a repeating job keeps the queue from ever being idle)
  testEnv: () => ({ NOTIFICATION_SWEEP_MS: '0', REVOCATION_REPUBLISH_MS: '0' }),
});
