import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher, mergeKey, type SubgraphFetcher } from './subgraph-fetcher';

/** A subgraph stand-in that holds every answer until the test releases it, and counts the calls. */
let server: Server;
let url: string;
let calls: { headers: IncomingMessage['headers']; body: string }[] = [];
let held: (() => void)[] = [];
let subgraph: SubgraphFetcher;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      held.push(() => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'max-age=30, public');
        res.end(JSON.stringify({ data: { call: calls.length } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  calls = [];
  held = [];
  subgraph = createSubgraphFetcher();
});
afterEach(async () => {
  await subgraph.close();
});

/** Answers every held request as soon as `count` calls have arrived. */
async function releaseAfter(count: number) {
  for (let i = 0; i < 500 && calls.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  held.splice(0).forEach((answer) => answer());
}

const post = (query: string, headers: Record<string, string> = {}, variables: object = { first: 20 }) =>
  subgraph.fetcher(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-internal-token': 'token-anonymous', ...headers },
    body: JSON.stringify({ query, variables }),
  });

const LIST = 'query ProductList__catalog__0($first:Int){products(first:$first){totalCount}}';

describe('subgraph fetcher', () => {
  it('sends two identical concurrent queries once and gives each caller its own answer', async () => {
    const both = Promise.all([
      post(LIST, { 'x-request-id': 'request-1', traceparent: '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01' }),
      post(LIST, { 'x-request-id': 'request-2', traceparent: '00-cccccccccccccccccccccccccccccccc-dddddddddddddddd-01' }),
    ]);
    await releaseAfter(1);
    const [first, second] = await both;
    expect(calls).toHaveLength(1);
    expect(subgraph.merged).toBe(1);
    const [a, b] = [await first.json(), await second.json()];
    expect(a).toEqual({ data: { call: 1 } });
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(second.headers.get('Cache-Control')).toBe('max-age=30, public');
  });

  it('sends a mutation every time, even when an identical one is in flight', async () => {
    const mutation = 'mutation AddToCart__cart__0($id:ID!){addToCart(id:$id){id}}';
    const both = Promise.all([post(mutation), post(mutation)]);
    await releaseAfter(2);
    await both;
    expect(calls).toHaveLength(2);
    expect(subgraph.merged).toBe(0);
  });

  it('does not merge queries run as different identities or at different consistency positions', async () => {
    const all = Promise.all([
      post(LIST, { 'x-internal-token': 'token-of-alice' }),
      post(LIST, { 'x-internal-token': 'token-of-bob' }),
      post(LIST, { 'x-internal-token': 'token-of-bob', 'x-consistency-lsn': '0/16B3748' }),
    ]);
    await releaseAfter(3);
    await all;
    expect(calls.map((c) => c.headers['x-internal-token'])).toEqual(['token-of-alice', 'token-of-bob', 'token-of-bob']);
  });

  it('does not merge different variables, and sends again once the first answer is in', async () => {
    const two = Promise.all([post(LIST, {}, { first: 20 }), post(LIST, {}, { first: 10 })]);
    await releaseAfter(2);
    await two;
    const again = post(LIST, {}, { first: 20 });
    await releaseAfter(3);
    await again;
    expect(calls).toHaveLength(3);
  });

  it('keys on the document, the variables and the identity headers only', () => {
    const init = (headers: Record<string, string>) => ({ method: 'POST', headers, body: JSON.stringify({ query: LIST, variables: {} }) });
    expect(mergeKey(url, init({ 'x-internal-token': 't', 'x-request-id': '1', 'x-client-ip': '10.0.0.1' }))).toBe(
      mergeKey(url, init({ 'X-Request-Id': '2', 'x-internal-token': 't', 'x-client-ip': '10.0.0.2' })),
    );
    expect(mergeKey(url, init({ 'x-internal-token': 't' }))).not.toBe(mergeKey(url, init({ 'x-internal-token': 'u' })));
    expect(mergeKey(url, { method: 'POST', body: JSON.stringify({ query: 'mutation { logout { success } }' }) })).toBeUndefined();
    expect(mergeKey(url, { method: 'POST', body: JSON.stringify({ extensions: { persistedQuery: { sha256Hash: 'x' } } }) })).toBeUndefined();
  });
});
