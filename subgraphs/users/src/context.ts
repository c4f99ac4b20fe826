import type { SubgraphRequest } from '../../../platform/subgraph';
import type { UsersDeps } from './deps';
import type { UsersLoaders } from './loaders';

/** A users request: the platform's context and this request's DataLoaders. */
export interface UsersContext extends SubgraphRequest<UsersDeps> {
  loaders: UsersLoaders;
}
