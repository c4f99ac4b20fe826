import type { RequestDb } from '../../../platform/db/request-db';
import { orderLoaders } from './order/order.loaders';
import { returnLoaders } from './return/return.loaders';

/** Every DataLoader of a request: one SQL statement per batch. */
export function createLoaders(db: RequestDb) {
  return { ...orderLoaders(db), ...returnLoaders(db) };
}

export type OrdersLoaders = ReturnType<typeof createLoaders>;
