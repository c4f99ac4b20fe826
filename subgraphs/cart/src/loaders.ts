import type { RequestDb } from '../../../platform/db/request-db';
import { cartLoaders } from './cart/cart.loaders';
import { discountLoaders } from './discount/discount.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(db: RequestDb) {
  return { ...cartLoaders(db), ...discountLoaders(db) };
}

export type CartLoaders = ReturnType<typeof createLoaders>;
