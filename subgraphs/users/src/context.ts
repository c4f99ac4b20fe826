import type { BaseContext, RequestInfo } from '../../../platform/context';
import { RequestDb } from '../../../platform/db/request-db';
import type { UsersDeps } from './deps';
import { createLoaders, type UsersLoaders } from './loaders';

export interface UsersContext extends BaseContext {
  deps: UsersDeps;
  loaders: UsersLoaders;
}

export function createContext(deps: UsersDeps, info: RequestInfo): UsersContext {
  const db = new RequestDb(deps.database, info.minLsn);
  return { ...info, db, deps, loaders: createLoaders(db) };
}
