import type { SubgraphRequest } from '../../../platform/subgraph';
import type { UsersDeps } from './deps';
import { createLoaders, type UsersLoaders } from './loaders';

/** A users request: the platform's context and this request's DataLoaders. */
export interface UsersContext extends SubgraphRequest<UsersDeps> {
  loaders: UsersLoaders;
}

export function createUsersContext(request: SubgraphRequest<UsersDeps>): UsersContext {
  return { ...request, loaders: createLoaders(request.db) };
}
