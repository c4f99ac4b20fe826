import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { maskErrors } from '../../platform/http/error-masking';
import { httpServer } from '../../platform/http/http-server';
import { addOpsRoutes } from '../../platform/http/ops-routes';
import { currentTraceId, requestTraceContext, traceRequests } from '../../platform/http/tracing';
import type { Logger } from '../../platform/logger';
import { RedisKeyValueCache } from './cache/redis-key-value-cache';
import type { GatewayConfig, SubgraphName } from './config';
import { catalogPosition, CONSISTENCY_HEADER, requestedLsn } from './consistency';
import type { GatewayContext } from './gateway-context';
import { noteTraceId, requestLog } from './http/request-log';
import { createSubgraphFetcher } from './http/subgraph-fetcher';
import { trustProxySetting } from './http/trust-proxy';
import { authenticate } from './identity';
import { operationLimits } from './limits/armor';
import { TrustedDocuments } from './persisted-queries/trusted-documents';
import { trustedDocumentsMiddleware } from './persisted-queries/trusted-documents.middleware';
import { addPlaygroundRoutes } from './playground/playground.routes';
import { gatewayPlugins } from './plugins';
import { SubgraphDataSource } from './subgraph-data-source';

export const GRAPHQL_PATH = '/graphql';

export interface GatewayDeps {
  config: GatewayConfig;
  redis: Redis;
  log: Logger;
  /** The composed supergraph; read from config.supergraphPath when absent. */
  supergraphSdl?: string;
  /** Trusted documents; loaded from config.persistedQueries.manifests when absent. */
  trustedDocuments?: TrustedDocuments;
}

export interface GatewayServer {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  trustedDocuments: TrustedDocuments;
  listen(port: number, host?: string): Promise<Server>;
  stop(): Promise<void>;
}

/**
 * The public entry point: Apollo Gateway over the static supergraph, behind Apollo Server, with
 * the operation limits, persisted queries, rate limits, response cache, playground, metrics and
 * tracing configured in GatewayConfig.
 */
export async function createGateway(deps: GatewayDeps): Promise<GatewayServer> {
  const { config, log } = deps;
  const { limits, persistedQueries } = config;
  const supergraphSdl = deps.supergraphSdl ?? readFileSync(config.supergraphPath, 'utf8');
  const subgraphFetcher = createSubgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(config.subgraphUrls[name as SubgraphName] ?? url!, config.internalSecret, name, { fetcher: subgraphFetcher.fetcher }),
    logger: log,
  });
  const armor = operationLimits(limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: limits.introspection,
    hideSchemaDetailsFromClientErrors: !limits.fieldSuggestions,
    allowBatchedHttpRequests: limits.batching,
    csrfPrevention: limits.csrfPrevention,
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !config.production,
    formatError: maskErrors(config.production, log),
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    persistedQueries: persistedQueries.apq
      ? { cache: new RedisKeyValueCache(deps.redis, 'gateway:', log), ttl: persistedQueries.apqTtlSeconds }
      : false,
    plugins: [...armor.plugins, ...gatewayPlugins(config, deps.redis, log, supergraphSdl)],
  });
  await apollo.start();
  // Redis holds rate limits, persisted queries and the response cache: give it a moment to connect
  await Promise.race([deps.redis.ping().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);

  const trustedDocuments =
    deps.trustedDocuments ?? (persistedQueries.mode === 'off' ? new TrustedDocuments() : TrustedDocuments.fromFiles(persistedQueries.manifests));

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.rateLimit.trustedProxies));
  app.use(requestLog(log));
  addOpsRoutes(app, async () => {
    await deps.redis.ping();
  });
  if (config.playground.enabled) addPlaygroundRoutes(app, GRAPHQL_PATH, () => gateway.schema!);
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '1mb' }),
    // after the body is read, so the request's span stays active through everything below
    traceRequests('gateway'),
    noteTraceId,
    ...(persistedQueries.mode === 'off' ? [] : [trustedDocumentsMiddleware(trustedDocuments, persistedQueries.mode)]),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const [{ identity, minLsn }, catalogMinLsn] = await Promise.all([
          authenticate(deps.redis, config.jwt, req.header('authorization')),
          catalogPosition(deps.redis),
        ]);
        return {
          requestId,
          identity,
          minLsn: requestedLsn(minLsn, req.header(CONSISTENCY_HEADER)),
          catalogMinLsn,
          client: { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
          traceContext: requestTraceContext(res),
          log: log.child({ requestId, traceId: currentTraceId(requestTraceContext(res)) }),
        };
      },
    }),
  );

  const http = httpServer(app, config.host);
  return {
    app,
    apollo,
    trustedDocuments,
    listen: http.listen,
    async stop() {
      await http.close();
      await apollo.stop();
      await subgraphFetcher.close();
    },
  };
}
