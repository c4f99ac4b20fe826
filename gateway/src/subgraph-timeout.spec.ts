import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher, type SubgraphFetcher } from './http/subgraph-fetcher';
import { SubgraphDataSource } from './subgraph-data-source';

/** A subgraph that takes every request and answers none until the test ends. */
let server: Server;
let url: string;
const pending: ServerResponse[] = [];
let fetcher: SubgraphFetcher;

beforeAll(async () => {
  server = createServer((_req, res) => pending.push(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  fetcher = createSubgraphFetcher({ connections: 2 });
});
afterAll(async () => {
  for (const res of pending) res.destroy();
  await fetcher.close();
  await new Promise((resolve) => server.close(resolve));
});

const entityFetch = (n: number) => ({
  kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
  request: { query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', variables: { representations: Array.from({ length: n }, (_, i) => ({ __typename: 'User', id: String(i) })) } },
  context: {},
}) as unknown as Parameters<SubgraphDataSource['process']>[0];

it('a subgraph slower than its timeout gives an error per entity (SERVICE_UNAVAILABLE, timeout) instead of hanging', async () => {
  const source = new SubgraphDataSource(url, 'x'.repeat(32), 'slow', { fetcher: fetcher.fetcher, timeoutMs: 150 });
  const response = await source.process(entityFetch(2));
  expect(response.errors).toEqual([
    expect.objectContaining({ path: ['_entities', 0], extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'timeout' } }),
    expect.objectContaining({ path: ['_entities', 1], extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'timeout' } }),
  ]);
});
