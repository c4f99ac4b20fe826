import type { JobHandlers } from '../../../platform/queue/consumer';
import type { UsersDeps } from './deps';

/** The jobs and events the users subgraph consumes from its queue, by job name. */
export function usersJobHandlers(_deps: UsersDeps): JobHandlers {
  return {};
}
