import type { BaseContext, RequestInfo } from '../../../platform/context';
import { RequestDb } from '../../../platform/db/request-db';
import type { ShippingDeps } from './deps';
import { createLoaders, type ShippingLoaders } from './loaders';

export interface ShippingContext extends BaseContext {
  deps: ShippingDeps;
  loaders: ShippingLoaders;
}

/** Built once per request: reads on the replica unless the caller's last write is not there yet. */
export function createContext(deps: ShippingDeps, info: RequestInfo): ShippingContext {
  const db = new RequestDb(deps.database, info.minLsn);
  return { ...info, db, deps, loaders: createLoaders(db) };
}
