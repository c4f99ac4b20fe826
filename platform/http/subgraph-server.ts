import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Histogram } from 'prom-client';
import { INTERNAL_TOKEN_HEADER, verifyInternalToken } from '../auth/internal-token';
import { HEADERS, type BaseContext, type RequestInfo } from '../context';
import { isLsn } from '../db/lsn';
import type { Logger } from '../logger';
import { maskErrors } from './error-masking';
import { addOpsRoutes } from './ops-routes';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  internalSecret: string;
  production: boolean;
  log: Logger;
  /** Builds the request context (the subgraph's loaders and services) from what the HTTP layer verified. */
  createContext(info: RequestInfo): C | Promise<C>;
  /** Throws when a dependency (database, Redis) does not answer. */
  ready(): Promise<void>;
}

export interface SubgraphServer {
  app: Express;
  apollo: ApolloServer<BaseContext>;
  listen(port: number, host?: string): Promise<Server>;
  stop(): Promise<void>;
}

const duration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'GraphQL requests served, by service and operation',
  labelNames: ['service', 'operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/** After a write, hand the WAL position back so the gateway can keep the caller's reads consistent. */
function consistencyPlugin(service: string): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, response, operationName, errors }) {
          const lsn = contextValue.db?.committedLsn;
          if (lsn) response.http.headers.set(HEADERS.committedLsn, lsn);
          duration.observe(
            { service, operation: operationName ?? 'anonymous', outcome: errors?.length ? 'error' : 'ok' },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };
}

/**
 * The HTTP side of a subgraph: GraphQL at /graphql for callers holding the internal credential
 * (the gateway, or a service), plus /healthz, /readyz and /metrics. Never listens by itself.
 */
export async function createSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>): Promise<SubgraphServer> {
  const { log } = options;
  const apollo = new ApolloServer<BaseContext>({
    schema: options.schema,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    formatError: maskErrors(options.production, log),
    plugins: [
      consistencyPlugin(options.name),
      ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
      ApolloServerPluginInlineTraceDisabled(),
    ],
    csrfPrevention: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  addOpsRoutes(app, options.ready);
  app.use(
    '/graphql',
    (req, res, next) => {
      const claims = verifyInternalToken(options.internalSecret, req.header(INTERNAL_TOKEN_HEADER));
      if (!claims) {
        res.status(401).json({ errors: [{ message: 'This service only answers the gateway and internal services', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      res.locals.claims = claims;
      next();
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const claims = res.locals.claims;
        const requestId = req.header(HEADERS.requestId) || randomUUID();
        const minLsn = req.header(HEADERS.minLsn);
        return options.createContext({
          requestId,
          identity: claims.identity,
          caller: claims.caller,
          minLsn: isLsn(minLsn) ? minLsn : undefined,
          client: { ip: req.header(HEADERS.clientIp) ?? null, userAgent: req.header(HEADERS.clientUserAgent) ?? null },
          log: log.child({ requestId }),
        });
      },
    }),
  );

  let server: Server | undefined;
  return {
    app,
    apollo,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server!)));
      }),
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server?.closeAllConnections?.();
      await apollo.stop();
    },
  };
}
