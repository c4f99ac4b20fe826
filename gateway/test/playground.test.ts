import { sharedStack } from '../../e2e/shared-stack';
import type { StackClient } from '../../e2e/stack-client';
import { PRODUCTION, startExtraGateway } from './gateway-fixtures';
import { PLAYGROUND_ASSETS } from '../src/playground/playground-assets';

let stack: StackClient;
let base: string;
beforeAll(async () => {
  stack = await sharedStack();
  base = stack.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await stack?.stop();
});

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('GraphiQL in development', () => {
  it('is served at /playground and to a browser at /graphql', async () => {
    for (const url of [`${base}/playground`, stack.gatewayUrl]) {
      const res = await fetch(url, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      const page = await res.text();
      expect(page).toContain('GraphiQL');
      expect(page).toContain('/playground/assets/graphiql.min.js');
    }
  });

  it('loads every asset from the gateway itself (no CDN)', async () => {
    const page = await (await fetch(`${base}/playground`, { headers: html })).text();
    const sources = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBe(4);
    for (const src of sources) {
      expect(src).toMatch(/^\/playground\/assets\//);
      const asset = await fetch(new URL(src, base));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(src.endsWith('.css') ? /text\/css/ : /javascript/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(page).not.toMatch(/https?:\/\/(?!localhost|127\.0\.0\.1)/);
    expect(Object.keys(PLAYGROUND_ASSETS).sort()).toEqual(sources.map((s) => s.split('/').pop()).sort());
    expect((await fetch(`${base}/playground/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('opens with the project operations as tabs, ProductList first, with example variables', async () => {
    const page = await (await fetch(`${base}/playground`, { headers: html })).text();
    const tabs = JSON.parse(/<script id="playground-tabs" type="application\/json">(.*?)<\/script>/s.exec(page)![1]) as { query: string; variables: string }[];
    expect(tabs[0].query).toMatch(/query ProductList\(/);
    expect(tabs[0].query).toMatch(/fragment ProductCard on Product/);
    expect(JSON.parse(tabs[0].variables)).toMatchObject({ first: 10 });
    const names = tabs.map((t) => /^(?:query|mutation) (\w+)/m.exec(t.query)![1]);
    for (const name of ['ProductList', 'ProductDetail', 'Categories', 'Me', 'Login', 'Register', 'UpdateProduct']) expect(names).toContain(name);
    // operations of subgraphs not in the schema yet are left out, so every tab validates; returns are in it now
    expect(names).toEqual(expect.arrayContaining(['RequestReturn', 'UpdateReturnStatus', 'OrderReturns', 'AdminReturns']));
  });

  it('still answers GraphQL at /graphql: GET with a query, and POST', async () => {
    const get = await fetch(`${stack.gatewayUrl}?query=${encodeURIComponent('{ me { id } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toMatchObject({ data: { me: null } });
    const post = await stack.call('{ me { id } }');
    expect(post.data).toEqual({ me: null });
  });
});

describe('GraphiQL in production', () => {
  let prod: Awaited<ReturnType<typeof startExtraGateway>>;
  beforeAll(async () => {
    prod = await startExtraGateway(stack, PRODUCTION);
  });
  afterAll(async () => {
    await prod?.stop();
  });

  it('is off: /playground is not found and a browser GET at /graphql gets no page', async () => {
    const root = prod.url.replace(/\/graphql$/, '');
    expect((await fetch(`${root}/playground`, { headers: html })).status).toBe(404);
    expect((await fetch(`${root}/playground/assets/graphiql.min.js`)).status).toBe(404);
    const res = await fetch(prod.url, { headers: html });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await res.text()).not.toContain('GraphiQL');
  });
});
