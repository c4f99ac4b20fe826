import type { RequestDb } from '../../../platform/db/request-db';
import { addressLoaders } from './address/address.loaders';
import { userLoaders } from './user/user.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(db: RequestDb) {
  return { ...userLoaders(db), ...addressLoaders(db) };
}

export type UsersLoaders = ReturnType<typeof createLoaders>;
