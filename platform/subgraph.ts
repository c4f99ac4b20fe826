import type { CommonConfig } from './config';
import type { Database, DatabaseConfig } from './db/data-source';
import type { SubgraphServer } from './http/subgraph-server';
import type { Logger } from './logger';
import type { JobHandlers } from './queue/consumer';
import type { QueueName } from './queue/events';

export interface SubgraphConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
}

export interface SubgraphDeps {
  database: Database;
  log: Logger;
}

/**
 * What a subgraph is made of, in one place: its main process, its worker process and the tests
 * all start it from this (platform/subgraph-runtime.ts, platform/testing/start-subgraph.ts).
 */
export interface SubgraphDefinition<C extends SubgraphConfig = SubgraphConfig, D extends SubgraphDeps = SubgraphDeps> {
  /** Also the name of its BullMQ queue. */
  name: QueueName;
  readConfig(env?: NodeJS.ProcessEnv): C;
  openDeps(config: C, log: Logger): Promise<D>;
  closeDeps(deps: D): Promise<void>;
  createServer(deps: D): Promise<SubgraphServer>;
  jobHandlers(deps: D): JobHandlers;
  /** Jobs the worker schedules on its own queue every `everyMs` (BullMQ job schedulers), e.g. sweeps. */
  repeatingJobs?(deps: D): { name: string; everyMs: number }[];
}
