import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { INTERNAL_TOKEN_HEADER, InternalTokenVerifier } from '../auth/internal-token';
import type { BaseContext, RequestInfo } from '../context';
import { HEADERS } from '../headers';
import { formatPositions, hasPositions, mergePositions, parsePositions } from '../db/positions';
import type { Logger } from '../logger';
import { maskErrors } from './error-masking';
import { graphqlStep } from './graphql-http';
import { httpServer } from './http-server';
import { jsonBody } from './json-body';
import { graphqlMetricsPlugin } from './metrics';
import { answerFailure, header, pathOf, runSteps, sendError, type BodyRequest } from './node-http';
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

/** A request to /graphql: its body and the verified internal credential. */
interface SubgraphRequest extends BodyRequest {
  claims?: NonNullable<ReturnType<InternalTokenVerifier['verify']>>;
}

export interface SubgraphServer {
  /** The routes besides GraphQL: /healthz, /readyz, /metrics. */
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
  const graphql = runSteps<SubgraphRequest>(
    [
      (req, res, next) => {
        const claims = credentials.verify(header(req, INTERNAL_TOKEN_HEADER));
        if (!claims) return sendError(res, 401, 'UNAUTHENTICATED', 'This service only answers the gateway and internal services');
        req.claims = claims;
        next();
      },
      jsonBody(),
      // after the body is read: the span stays active through the request's async work
      traceRequests(options.name),
      graphqlStep(apollo, async (req, res) => {
        const { claims } = req;
        const requestId = header(req, HEADERS.requestId) || randomUUID();
        const positions = parsePositions(header(req, HEADERS.positions));
        return options.createContext({
          requestId,
          identity: claims!.identity,
          caller: claims!.caller,
          positions,
          committed: {},
          minLsn: positions[options.name],
          client: { ip: header(req, HEADERS.clientIp) ?? null, userAgent: header(req, HEADERS.clientUserAgent) ?? null },
          log: log.child({ requestId, traceId: currentTraceId(requestTraceContext(res)) }),
        });
      }),
    ],
    answerFailure(log),
  );

  const http = httpServer((req, res) => (pathOf(req.url) === '/graphql' ? graphql(req, res) : app(req, res)), '127.0.0.1');
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
