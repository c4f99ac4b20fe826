import { startStack, type Stack } from '../../e2e/harness';
import { PRODUCTION, startExtraGateway } from './gateway-fixtures';

/**
 * A database failure inside a subgraph (here: the products table is gone) is a bug or an outage,
 * never something a client should read: in production the answer carries no SQL, no stack and
 * no class name, only "Internal server error" and the request id to quote.
 */
let stack: Stack;
let production: Awaited<ReturnType<typeof startExtraGateway>>;
const PRODUCTS = '{ products(first: 1) { edges { node { id name } } } }';

beforeAll(async () => {
  stack = await startStack({ RESPONSE_CACHE_ENABLED: 'false' });
  production = await startExtraGateway(stack, { ...PRODUCTION, TRUSTED_DOCUMENTS: 'allow', RESPONSE_CACHE_ENABLED: 'false', RATE_LIMIT_ENABLED: 'false' });
  await stack.subgraphs.catalog.deps.database.dataSource.query('ALTER TABLE products RENAME TO products_moved_away');
}, 120_000);
afterAll(async () => {
  await production?.stop();
  await stack?.stop();
});

it('in development the failure shows its detail (so the production check below means something)', async () => {
  const res = await stack.call(PRODUCTS);
  expect(JSON.stringify(res.errors)).toMatch(/products|relation|QueryFailedError/);
});

it('in production a QueryFailedError reaches the client with no stacktrace, SQL or class name', async () => {
  const response = await fetch(production.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PRODUCTS }) });
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const error of body.errors!) {
    expect(error.message).toBe('Internal server error');
    expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  }
  expect(text).not.toMatch(/stacktrace|SELECT|QueryFailedError|relation|products_moved_away|\.ts:\d+/i);
  expect(response.headers.get('x-request-id')).toBeTruthy();
});
