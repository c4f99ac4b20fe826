import express, { type Express, type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import { exampleOperations } from './example-operations';
import { PLAYGROUND_ASSETS } from './playground-assets';
import { playgroundPage } from './playground-page';

export const PLAYGROUND_PATH = '/playground';

/** Apollo Server's own rule: a GET whose Accept prefers text/html over every GraphQL response type. */
export function prefersHtml(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

/**
 * GraphiQL at /playground, and at the GraphQL path for a browser (GET preferring text/html without
 * an operation). The example tabs are the project's operations that validate against `schema`.
 */
export function addPlaygroundRoutes(app: Express, graphqlPath: string, schema: () => GraphQLSchema): void {
  let page: string | undefined;
  const html = () =>
    (page ??= playgroundPage({ endpoint: graphqlPath, assets: `${PLAYGROUND_PATH}/assets`, operations: exampleOperations(schema()) }));
  const send = (res: express.Response) => res.type('html').set('cache-control', 'no-cache').send(html());

  app.get(`${PLAYGROUND_PATH}/assets/:file`, (req, res) => {
    const asset = PLAYGROUND_ASSETS[req.params.file];
    if (!asset) return void res.status(404).end();
    res.type(asset.type).sendFile(asset.file, { maxAge: '1d' });
  });
  app.get(PLAYGROUND_PATH, (_req, res) => send(res));
  app.get(graphqlPath, (req, res, next) => {
    if (prefersHtml(req) && !('query' in req.query) && !('extensions' in req.query) && !('documentId' in req.query)) return void send(res);
    next();
  });
}
