import accepts from 'accepts';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { exampleOperations } from './example-operations';
import { PLAYGROUND_ASSETS } from './playground-assets';
import { playgroundPage } from './playground-page';

export const PLAYGROUND_PATH = '/playground';

/** Apollo Server's own rule: a GET whose Accept prefers text/html over every GraphQL response type. */
export function prefersHtml(req: IncomingMessage): boolean {
  return req.method === 'GET' && accepts(req).type(['application/json', 'application/graphql-response+json', 'multipart/mixed', 'text/html']) === 'text/html';
}

/** A browser opening the GraphQL path (HTML preferred, no operation in the query string): the playground's page. */
export function wantsPlayground(req: IncomingMessage): boolean {
  if (!prefersHtml(req)) return false;
  const at = req.url?.indexOf('?') ?? -1;
  const params = new URLSearchParams(at < 0 ? '' : req.url!.slice(at + 1));
  return !params.has('query') && !params.has('extensions') && !params.has('documentId');
}

/**
 * GraphiQL at /playground, and at the GraphQL path for the requests that wantsPlayground picks
 * (the gateway's server sends only those here). The example tabs are the project's operations that validate against `schema`.
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
  app.get(graphqlPath, (_req, res) => void send(res));
}
