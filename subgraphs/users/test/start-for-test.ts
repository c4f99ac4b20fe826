import { startSubgraphForTest, type StartedSubgraph } from '../../../platform/testing/start-subgraph';
import type { UsersDeps } from '../src/deps';
import { usersSubgraph } from '../src/subgraph';

export type { StartedSubgraph };

/** The users subgraph and its worker on a fresh test database. */
export function startUsersForTest(queuePrefix: string, env: NodeJS.ProcessEnv = {}): Promise<StartedSubgraph<UsersDeps>> {
  return startSubgraphForTest(usersSubgraph, queuePrefix, env);
}
