import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../infra/processes';
import { createRedis } from '../redis';
import type { SubgraphConfig, SubgraphDefinition, SubgraphDeps } from '../subgraph';
import { callerHeaders, type Caller } from './callers';
import { postGraphQL, type GraphQLResponse } from './graphql-client';
import { startSubgraphForTest, type StartedSubgraph } from './start-subgraph';
import { testRedisUrl } from './test-infra';

export interface SubgraphHarness<D extends SubgraphDeps = SubgraphDeps> {
  subgraph: StartedSubgraph<D>;
  deps: D;
  /** This run's BullMQ key prefix. */
  queuePrefix: string;
  /** Calls the subgraph's /graphql as `caller` would reach it (through the gateway, or as a service). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read as loose JSON
  call<T = Record<string, any>>(caller: Caller, document: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Runs SQL on the primary (test setup and checks only). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read as loose JSON
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** Relays the outbox until nothing is left to relay and no job of the queue waits or runs. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One subgraph for a test file: a fresh database, its server on a free port and its worker in
 * this process, with a BullMQ prefix of its own. `env` adds or overrides settings.
 */
export async function startSubgraphHarness<C extends SubgraphConfig, D extends SubgraphDeps<C>>(
  definition: SubgraphDefinition<C, D>,
  env: NodeJS.ProcessEnv = {},
): Promise<SubgraphHarness<D>> {
  const queuePrefix = `t-${definition.name}-${randomBytes(4).toString('hex')}`;
  const subgraph = await startSubgraphForTest(definition, queuePrefix, env);
  const { deps } = subgraph;
  const queueRedis = createRedis(testRedisUrl(), `${definition.name}-test-queue`, true);
  const queue = new Queue(definition.name, { connection: queueRedis, prefix: queuePrefix });
  const sql: SubgraphHarness<D>['sql'] = (query, params = []) => deps.database.dataSource.query(query, params);
  return {
    subgraph,
    deps,
    queuePrefix,
    call: (caller, document, variables = {}) => postGraphQL(subgraph.url, document, variables, callerHeaders(deps.config.internalSecret, subgraph.name, caller)),
    sql,
    async settle(timeoutMs = 20_000) {
      await waitFor(
        `the ${definition.name} worker to be idle`,
        async () => {
          await subgraph.drainOutbox();
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
          if (Object.values(counts).some((n) => n > 0)) return false;
          const [pending] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
          return pending.n === 0;
        },
        timeoutMs,
        50,
      );
    },
    async stop() {
      await queue.close();
      queueRedis.disconnect();
      await subgraph.stop();
    },
  };
}
