import type Redis from 'ioredis';
import type { GraphQLSchema } from 'graphql';
import type { MixedList, EntitySchema } from 'typeorm';
import type { BuildSchemaOptions } from 'type-graphql';
import './graphql/role-enum';
import type { CommonConfig, Env } from './config';
import { createBaseContext, type BaseContext, type RequestInfo } from './context';
import { createDatabase, type Database } from './db/data-source';
import { announceGlobalPosition } from './db/global-position';
import { authChecker } from './graphql/auth-checker';
import { buildFederatedSchema, type ReferenceResolvers } from './graphql/federation';
import { createSubgraphServer, type SubgraphServer } from './http/subgraph-server';
import type { Logger } from './logger';
import type { JobHandlers } from './queue/consumer';
import { queueEntities } from './queue/outbox.entity';
import { createRedis, redisReady } from './redis';
import { ServiceClient } from './service-client/service-client';
import { readSubgraphConfig, type Own, type SubgraphConfig } from './subgraph-config';
import type { SubgraphName } from '../subgraphs/registry';

export { readSubgraphConfig, type SubgraphConfig };

/** What every subgraph's processes hold: its settings, its database, a Redis connection and a logger. */
export interface SubgraphDeps<C extends SubgraphConfig = SubgraphConfig> {
  config: C;
  database: Database;
  redis: Redis;
  log: Logger;
  /** Calls other subgraphs as this one (config.serviceUrls says where they answer). */
  services: ServiceClient;
}

/** A job the worker schedules on its subgraph's own queue every `everyMs` (a BullMQ job scheduler), e.g. a sweep. */
export interface RepeatingJob {
  /** The job name; its handler is in jobHandlers under the same name. */
  name: string;
  everyMs: number;
}

/** The request context the platform builds; a subgraph's createContext adds its loaders to it. */
export interface SubgraphRequest<D extends SubgraphDeps = SubgraphDeps> extends BaseContext {
  deps: D;
}

/** The platform's part of a context, for a request or a queue job: a subgraph's createContext builds on it. */
export function subgraphRequest<D extends SubgraphDeps>(deps: D, info: RequestInfo): SubgraphRequest<D> {
  return { ...createBaseContext(deps.database, info), deps };
}

/**
 * What a subgraph is made of, in one place: its main process, its worker process, its seed, the
 * composition and the tests all start it from this (platform/subgraph-runtime.ts,
 * platform/testing/start-subgraph.ts). Made by defineSubgraph.
 */
export interface SubgraphDefinition<C extends SubgraphConfig = SubgraphConfig, D extends SubgraphDeps<C> = SubgraphDeps<C>> {
  /** Also the name of its BullMQ queue. */
  name: SubgraphName;
  readConfig(env?: NodeJS.ProcessEnv): C;
  openDeps(config: C, log: Logger): Promise<D>;
  closeDeps(deps: D): Promise<void>;
  buildSchema(): Promise<GraphQLSchema>;
  createServer(deps: D): Promise<SubgraphServer>;
  jobHandlers(deps: D): JobHandlers;
  /** The jobs its worker schedules on its own queue. */
  repeatingJobs(deps: D): RepeatingJob[];
  /** Fills the database with the demo shop's data; idempotent. */
  seed(deps: D): Promise<void>;
  /** Settings a test run gives this subgraph besides its database (e.g. a cache namespace of its own). */
  testEnv(queuePrefix: string): NodeJS.ProcessEnv;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityList = MixedList<Function | string | EntitySchema>;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type MigrationList = MixedList<Function | string>;

export interface SubgraphSpec<C extends SubgraphConfig, D extends SubgraphDeps<C>, Ctx extends SubgraphRequest<D>> {
  name: SubgraphName;
  /** TypeORM entities of its database (the outbox's are added). */
  entities: EntityList;
  migrations: MigrationList;
  /** type-graphql resolver classes. */
  resolvers: BuildSchemaOptions['resolvers'];
  /** Object types no field returns, e.g. an entity of another subgraph this one only adds fields to. */
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  /** `__resolveReference` of each entity this subgraph owns, by type name. */
  references?: ReferenceResolvers;
  /** Settings of its own, read from the environment (port, database and common settings are read for it). */
  config?(env: Env, common: CommonConfig): Own<C, SubgraphConfig>;
  /** Dependencies of its own, built on the shared ones (closed with them: build them on those connections). */
  deps?(deps: SubgraphDeps<C>): Own<D, SubgraphDeps<C>>;
  /** The request context: the platform's (caller, identity, RequestDb, deps) plus the subgraph's loaders. */
  createContext?(request: SubgraphRequest<D>): Ctx | Promise<Ctx>;
  /** The jobs and events this subgraph consumes from its queue, by job name. */
  jobHandlers?(deps: D): JobHandlers;
  /** Jobs the worker schedules on the subgraph's queue every so often (sweeps); handled by jobHandlers. */
  repeatingJobs?(deps: D): RepeatingJob[];
  seed?(deps: D): Promise<void>;
  testEnv?(queuePrefix: string): NodeJS.ProcessEnv;
}

/** A subgraph from its parts; everything else (processes, server, readiness, connections) is the platform's. */
export function defineSubgraph<C extends SubgraphConfig = SubgraphConfig, D extends SubgraphDeps<C> = SubgraphDeps<C>, Ctx extends SubgraphRequest<D> = SubgraphRequest<D>>(
  spec: SubgraphSpec<C, D, Ctx>,
): SubgraphDefinition<C, D> {
  const { name } = spec;
  const buildSchema = () => buildFederatedSchema({ resolvers: spec.resolvers, orphanedTypes: spec.orphanedTypes, authChecker }, spec.references);
  return {
    name,
    readConfig: (source = process.env) => readSubgraphConfig<C>(name, source, spec.config),
    async openDeps(config, log) {
      const database = createDatabase({ name, db: config.database, entities: [...queueEntities, ...(spec.entities as unknown[])] as EntityList, migrations: spec.migrations, log });
      await database.dataSource.initialize();
      const services = new ServiceClient({ caller: name, internalSecret: config.internalSecret, urls: { ...config.serviceUrls } });
      const redis = createRedis(config.redisUrl, name);
      database.announceVisible = (lsn) => announceGlobalPosition(redis, name, lsn);
      // request-path commands fail fast instead of queueing: let the connection come up first (briefly)
      if (!(await redisReady(redis, 2000))) log.warn('Redis is not reachable yet: starting without it (see Failure policies)');
      const shared: SubgraphDeps<C> = { config, database, redis, log, services };
      return { ...shared, ...spec.deps?.(shared) } as D;
    },
    async closeDeps(deps) {
      await deps.database.dataSource.destroy();
      deps.redis.disconnect();
      await deps.services.close();
    },
    buildSchema,
    async createServer(deps) {
      return createSubgraphServer({
        name,
        schema: await buildSchema(),
        internalSecret: deps.config.internalSecret,
        production: deps.config.production,
        log: deps.log,
        createContext: (info: RequestInfo) => {
          const request = subgraphRequest(deps, info);
          return spec.createContext ? spec.createContext(request) : request;
        },
        ready: async () => {
          await deps.database.dataSource.query('SELECT 1');
          await deps.redis.ping();
        },
      });
    },
    jobHandlers: (deps) => spec.jobHandlers?.(deps) ?? {},
    repeatingJobs: (deps) => spec.repeatingJobs?.(deps) ?? [],
    seed: async (deps) => spec.seed?.(deps),
    testEnv: (queuePrefix) => spec.testEnv?.(queuePrefix) ?? {},
  };
}
