import { createBaseContext, type BaseContext, type RequestInfo } from '../../../platform/context';
import type { UsersDeps } from './deps';
import { createLoaders, type UsersLoaders } from './loaders';

export interface UsersContext extends BaseContext {
  deps: UsersDeps;
  loaders: UsersLoaders;
}

export function createContext(deps: UsersDeps, info: RequestInfo): UsersContext {
  const base = createBaseContext(deps.database, info);
  return { ...base, deps, loaders: createLoaders(base.db) };
}
