import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import express, { type Express } from 'express';
import type Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { graphqlStep } from '../../platform/http/graphql-http';
import { maskErrors } from '../../platform/http/error-masking';
import { httpServer } from '../../platform/http/http-server';
import { jsonBody } from '../../platform/http/json-body';
import { answerFailure, header, pathOf, runSteps } from '../../platform/http/node-http';
import { createOpsApp } from '../../platform/http/ops-routes';
import { currentTraceId, requestTraceContext, traceRequests } from '../../platform/http/tracing';
import type { Logger } from '../../platform/logger';
import { Role } from '../../platform/auth/roles';
import { createRedis, redisReady } from '../../platform/redis';
import { RedisKeyValueCache } from './cache/redis-key-value-cache';
import type { GatewayConfig, SubgraphName } from './config';
import { mergePositions } from '../../platform/db/positions';
import { CATALOG, CONSISTENCY_HEADER } from './consistency';
import { GlobalPositionWatch } from '../../platform/db/global-position';
import { ConsistencyTokens } from './consistency-token';
import { memoizeExecutionOperations } from './execution/operation-memo';
import { gatewayContext, type GatewayContext } from './gateway-context';
import { cors } from './http/cors';
import { requestLog, type LoggedRequest } from './http/request-log';
import { SubgraphBreaker } from './http/subgraph-breaker';
import { createSubgraphFetcher } from './http/subgraph-fetcher';
import { clientAddress } from './http/trust-proxy';
import { authenticate } from './identity';
import { operationLimits } from './limits/armor';
import { documentSizeLimit } from './limits/document-size.middleware';
import { introspectionPolicy } from './limits/introspection.plugin';
import { TrustedDocuments } from './persisted-queries/trusted-documents';
import { trustedDocumentsMiddleware } from './persisted-queries/trusted-documents.middleware';
import { addPlaygroundRoutes, wantsPlayground } from './playground/playground.routes';
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
  /** The caches' Redis (APQ, response cache); from config.cacheRedisUrl when absent (`redis` when that is REDIS_URL). */
  cacheRedis?: Redis;
}

export interface GatewayServer {
  /** The public port's routes besides GraphQL: /healthz, /readyz, the playground. */
  app: Express;
  /** The operations app: /healthz, /readyz with the reason of a failure, /metrics. */
  ops: Express;
  apollo: ApolloServer<GatewayContext>;
  trustedDocuments: TrustedDocuments;
  listen(port: number, host?: string): Promise<Server>;
  /** Serves the operations app (config.opsPort / opsHost in main.ts). */
  listenOps(port: number, host?: string): Promise<Server>;
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
  const calls = config.subgraphCalls;
  const subgraphFetcher = createSubgraphFetcher({ connections: calls.connections, timeoutMs: Math.max(...Object.values(calls.timeoutMs)) });
  // Apollo Gateway sends usage data to Apollo's servers every hour unless this is set (and records it on every request)
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  memoizeExecutionOperations();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(config.subgraphUrls[name as SubgraphName] ?? url!, config.internalSecret, name, {
        fetcher: subgraphFetcher.fetcher,
        timeoutMs: calls.timeoutMs[name as SubgraphName] ?? 10_000,
        breaker: calls.breakerFailures ? new SubgraphBreaker(name, { failures: calls.breakerFailures, openMs: calls.breakerOpenMs }) : undefined,
      }),
    logger: log,
  });
  const trustedDocuments =
    deps.trustedDocuments ?? (persistedQueries.mode === 'off' ? new TrustedDocuments() : TrustedDocuments.fromFiles(persistedQueries.manifests));
  const armor = operationLimits(limits);
  // caches may live in a bounded Redis (maxmemory + allkeys-lru); queues, budgets and revocations stay on REDIS_URL
  const ownCacheRedis = !deps.cacheRedis && config.cacheRedisUrl !== config.redisUrl ? createRedis(config.cacheRedisUrl, 'gateway-cache') : undefined;
  const cacheRedis = deps.cacheRedis ?? ownCacheRedis ?? deps.redis;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // introspectionPolicy decides: trusted documents may look types up where introspection is off
    introspection: true,
    hideSchemaDetailsFromClientErrors: !limits.fieldSuggestions,
    allowBatchedHttpRequests: limits.batching,
    csrfPrevention: limits.csrfPrevention,
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !config.production,
    formatError: maskErrors(config.production, log),
    validationRules: armor.validationRules,
    validationOptions: armor.validationOptions,
    parseOptions: armor.parseOptions,
    persistedQueries: persistedQueries.apq
      ? { cache: new RedisKeyValueCache(cacheRedis, 'gateway:', log), ttl: persistedQueries.apqTtlSeconds }
      : false,
    plugins: [
      introspectionPolicy(limits.introspection, (source) => trustedDocuments.hasBody(source)),
      ...armor.plugins,
      ...gatewayPlugins(config, deps.redis, log, supergraphSdl, cacheRedis),
    ],
  });
  await apollo.start();
  // Redis holds rate limits, persisted queries and the response cache: give it a moment to connect
  // (request-path connections fail fast: a command sent before the connection is up would fail)
  if (!(await redisReady(deps.redis, 2000))) log.warn('Redis is not reachable yet: starting without it (see Failure policies)');
  if (cacheRedis !== deps.redis) await redisReady(cacheRedis, 2000);

  /** Staff tools (an ADMIN access token) may send documents outside the manifests in enforce mode. */
  const staffTool = async (req: IncomingMessage) =>
    persistedQueries.adminRawDocuments &&
    !!(await authenticate(deps.redis, config.jwt, header(req, 'authorization')).catch(() => ({ identity: undefined }))).identity?.roles.includes(Role.ADMIN);

  // the catalog's latest price or stock change, followed over pub/sub instead of read per request
  const catalogPosition = new GlobalPositionWatch(deps.redis, CATALOG);
  const consistencyTokens = new ConsistencyTokens(config.internalSecret, config.consistencyWindowSeconds);
  const clientIp = clientAddress(config.rateLimit.trustedProxies);
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are not revalidated by ETag (GET caching goes by Cache-Control); hashing every body costs CPU
  app.set('etag', false);
  const ready = async () => {
    await deps.redis.ping();
  };
  // the public port says whether the gateway is up and ready, without why not; metrics and the
  // failure's text are on the operations port
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await ready().then(() => true, () => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable' });
  });
  const ops = createOpsApp(ready);
  const playground = config.playground.enabled;
  if (playground) addPlaygroundRoutes(app, GRAPHQL_PATH, () => gateway.schema!);
  const isGraphQL = (req: IncomingMessage) => {
    const path = pathOf(req.url);
    return (path === GRAPHQL_PATH || path === `${GRAPHQL_PATH}/`) && !(playground && wantsPlayground(req));
  };

  // every request gets its id and access-log line; GraphQL requests are served on node:http, the
  // rest by `app`
  const handle = runSteps<LoggedRequest>(
    [
      requestLog(log, clientIp),
      (req, res, next) => (isGraphQL(req) ? next() : app(req, res)),
      cors(config.corsOrigins, ['x-request-id', CONSISTENCY_HEADER, 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after']),
      jsonBody(),
      documentSizeLimit(limits.maxDocumentChars),
      // after the body is read, so the request's span stays active through everything below
      traceRequests('gateway'),
      ...(persistedQueries.mode === 'off' ? [] : [trustedDocumentsMiddleware(trustedDocuments, persistedQueries.mode, staffTool)]),
      graphqlStep(apollo, async (req, res) => {
        const { requestId } = req;
        const [{ identity, positions }, catalogMinLsn] = await Promise.all([
          authenticate(deps.redis, config.jwt, header(req, 'authorization'), log),
          catalogPosition.current(),
        ]);
        return gatewayContext(
          {
            requestId,
            identity,
            // a guest's positions come back in the signed token; anything that does not verify is ignored
            positions: mergePositions(positions ?? {}, consistencyTokens.verify(header(req, CONSISTENCY_HEADER))),
            committed: {},
            catalogMinLsn,
            client: { ip: clientIp(req), userAgent: header(req, 'user-agent') ?? null },
            traceContext: requestTraceContext(res),
          },
          () => log.child({ requestId, traceId: currentTraceId(requestTraceContext(res)) }),
        );
      }),
    ],
    answerFailure(log),
  );

  const http = httpServer((req, res) => handle(req as LoggedRequest, res), config.host);
  const opsHttp = httpServer(ops, config.opsHost);
  return {
    app,
    ops,
    apollo,
    trustedDocuments,
    listen: http.listen,
    listenOps: opsHttp.listen,
    async stop() {
      await Promise.all([http.close(), opsHttp.close()]);
      await apollo.stop();
      catalogPosition.close();
      ownCacheRedis?.disconnect();
      await subgraphFetcher.close();
    },
  };
}
