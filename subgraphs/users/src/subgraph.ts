import type { SubgraphDefinition } from '../../../platform/subgraph';
import { readUsersConfig, type UsersConfig } from './config';
import { closeUsersDeps, openUsersDeps, type UsersDeps } from './deps';
import { usersJobHandlers } from './jobs';
import { createServer } from './server';

export const usersSubgraph: SubgraphDefinition<UsersConfig, UsersDeps> = {
  name: 'users',
  readConfig: readUsersConfig,
  openDeps: openUsersDeps,
  closeDeps: closeUsersDeps,
  createServer,
  jobHandlers: (deps) => usersJobHandlers(deps),
};
