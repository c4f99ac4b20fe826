import type { RequestDb } from '../../../platform/db/request-db';
import { addressLoaders } from './address/address.loaders';
import { notificationPreferenceLoaders } from './notification/notification-preference.loaders';
import { notificationLoaders } from './notification/notification.loaders';
import { userLoaders } from './user/user.loaders';
import { wishlistLoaders } from './wishlist/wishlist.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(db: RequestDb) {
  return { ...userLoaders(db), ...addressLoaders(db), ...wishlistLoaders(db), ...notificationLoaders(db), ...notificationPreferenceLoaders(db) };
}

export type UsersLoaders = ReturnType<typeof createLoaders>;
