import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { INTERNAL_TOKEN_HEADER, InternalTokenVerifier } from '../auth/internal-token';
import { HEADERS, type BaseContext, type RequestInfo } from '../context';
import { formatPositions, hasPositions, mergePositions, parsePositions } from '../db/positions';
import type { Logger } from '../logger';
import { maskErrors } from './error-masking';
import { httpServer } from './http-server';
import { graphqlMetricsPlugin } from './metrics';
import { noNulCharactersPlugin } from './nul-characters.plugin';
import { addOpsRoutes } from './ops-routes';
import { currentTraceId, requestTraceContext, traceRequests } from './tracing';

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

/**
 * After a write, hand the positions back (this subgraph's own, and those of writes it caused in
 * other subgraphs) so the caller can keep its reads consistent.
 */
function consistencyPlugin(name: string): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const lsn = contextValue.db?.committedLsn;
          const committed = mergePositions({ ...contextValue.committed }, lsn ? { [name]: lsn } : undefined);
          if (hasPositions(committed)) response.http.headers.set(HEADERS.committedPositions, formatPositions(committed));
        },
      };
    },
  };
}

/**
 * A variable the subgraph's scalars refuse (a Decimal that is not a decimal…) is the client's
 * mistake: answer 200 with the BAD_USER_INPUT error, which the gateway passes on to the client,
 * rather than a 400 that the gateway reports as an internal error.
 */
function badInputAsData(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          if (response.http.status === 400 && errors?.length && errors.every((e) => e.extensions?.code === 'BAD_USER_INPUT')) response.http.status = 200;
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
      badInputAsData(),
      noNulCharactersPlugin(),
      graphqlMetricsPlugin(options.name),
      ApolloServerPluginCacheControl({ calculateHttpHeaders: true }),
      ApolloServerPluginInlineTraceDisabled(),
    ],
    csrfPrevention: true,
    // runProcess handles SIGINT/SIGTERM and stops the server in order
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // credentials for this subgraph only: a token signed for another subgraph is refused here
  const credentials = new InternalTokenVerifier(options.internalSecret, options.name);
  const app = express();
  app.disable('x-powered-by');
  addOpsRoutes(app, options.ready);
  app.use(
    '/graphql',
    (req, res, next) => {
      const claims = credentials.verify(req.header(INTERNAL_TOKEN_HEADER));
      if (!claims) {
        res.status(401).json({ errors: [{ message: 'This service only answers the gateway and internal services', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      res.locals.claims = claims;
      next();
    },
    express.json({ limit: '1mb' }),
    // after the body is read: the span stays active through the request's async work
    traceRequests(options.name),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const claims = res.locals.claims;
        const requestId = req.header(HEADERS.requestId) || randomUUID();
        const positions = parsePositions(req.header(HEADERS.positions));
        return options.createContext({
          requestId,
          identity: claims.identity,
          caller: claims.caller,
          positions,
          committed: {},
          minLsn: positions[options.name],
          client: { ip: req.header(HEADERS.clientIp) ?? null, userAgent: req.header(HEADERS.clientUserAgent) ?? null },
          log: log.child({ requestId, traceId: currentTraceId(requestTraceContext(res)) }),
        });
      },
    }),
  );

  const http = httpServer(app, '127.0.0.1');
  return {
    app,
    apollo,
    listen: http.listen,
    async stop() {
      await http.close();
      await apollo.stop();
    }
  };
}
