import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { HEADERS } from '../../platform/context';
import { maskErrors } from '../../platform/http/error-masking';
import { addOpsRoutes } from '../../platform/http/ops-routes';
import type { Logger } from '../../platform/logger';
import type { GatewayConfig, SubgraphName } from './config';
import { CONSISTENCY_HEADER, rememberWrite, requestedLsn } from './consistency';
import type { GatewayContext } from './gateway-context';
import { authenticate } from './identity';
import { SubgraphDataSource } from './subgraph-data-source';

export interface GatewayDeps {
  config: GatewayConfig;
  redis: Redis;
  log: Logger;
  /** The composed supergraph; read from config.supergraphPath when absent. */
  supergraphSdl?: string;
}

export interface GatewayServer {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  listen(port: number, host?: string): Promise<Server>;
  stop(): Promise<void>;
}

/** After the response: hand back and remember the position of any write the request made. */
function consistencyPlugin(deps: GatewayDeps): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const lsn = contextValue.committedLsn ?? contextValue.minLsn;
          if (lsn) response.http.headers.set(CONSISTENCY_HEADER, lsn);
          if (contextValue.committedLsn && contextValue.identity) {
            await rememberWrite(deps.redis, contextValue.identity.userId, contextValue.committedLsn, deps.config.consistencyWindowSeconds);
          }
        },
      };
    },
  };
}

/** The public entry point: Apollo Gateway over the static supergraph, behind Apollo Server. */
export async function createGateway(deps: GatewayDeps): Promise<GatewayServer> {
  const { config, log } = deps;
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl ?? readFileSync(config.supergraphPath, 'utf8'),
    buildService: ({ name, url }) => new SubgraphDataSource(config.subgraphUrls[name as SubgraphName] ?? url!, config.internalSecret),
    logger: log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: maskErrors(config.production, log),
    plugins: [consistencyPlugin(deps)],
    csrfPrevention: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  addOpsRoutes(app, async () => {
    await deps.redis.ping();
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = req.header(HEADERS.requestId) || randomUUID();
        const { identity, minLsn } = await authenticate(deps.redis, config.jwt, req.header('authorization'));
        return {
          requestId,
          identity,
          minLsn: requestedLsn(minLsn, req.header(CONSISTENCY_HEADER)),
          client: { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
          log: log.child({ requestId }),
        };
      },
    }),
  );

  let server: Server | undefined;
  return {
    app,
    apollo,
    listen: (port, host = config.host) =>
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
