import type { SubgraphDeps } from '../../../platform/subgraph';
import type { UsersConfig } from './config';

/** What the users subgraph's processes are built from: the shared dependencies only. */
export type UsersDeps = SubgraphDeps<UsersConfig>;
