import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRedis } from '../../platform/redis';
import { testRedisUrl } from '../../platform/testing/test-infra';
import { sharedStack } from '../../e2e/shared-stack';
import type { StackClient } from '../../e2e/stack-client';
import { storefront } from '../../e2e/operations';
import { CODEGEN_MANIFEST } from '../src/persisted-queries/persisted-queries.config';
import { sha256, TrustedDocuments } from '../src/persisted-queries/trusted-documents';
import { getGraphQL, postJson, PRODUCTION, startExtraGateway } from './gateway-fixtures';

let stack: StackClient;
beforeAll(async () => {
  stack = await sharedStack();
});
afterAll(async () => {
  await stack?.stop();
});

const ME = storefront.Me;
const codegenManifest = () => TrustedDocuments.fromFiles([CODEGEN_MANIFEST]);
const manifestIdOf = (name: string) => {
  const doc = codegenManifest().all().find((d) => d.name === name);
  if (!doc) throw new Error(`${name} is not in ${CODEGEN_MANIFEST}`);
  return doc;
};

describe('automatic persisted queries (Apollo protocol)', () => {
  it('registers a query by its SHA-256 and serves it by hash, on any gateway instance (Redis)', async () => {
    const query = `query ApqProbe { me { id } } # ${Date.now()}`;
    const hash = sha256(query);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };

    const unknown = await postJson(stack.gatewayUrl, { extensions });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await postJson(stack.gatewayUrl, { query, extensions });
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data).toEqual({ me: null });

    const other = await startExtraGateway(stack);
    try {
      // Apollo writes the registration in the background: give it a moment
      let byHash = await postJson(other.url, { extensions });
      for (let i = 0; i < 20 && byHash.body.errors; i++) {
        await new Promise((r) => setTimeout(r, 50));
        byHash = await postJson(other.url, { extensions });
      }
      expect(byHash.body.data).toEqual({ me: null });
      const byGet = await getGraphQL(other.url, { extensions });
      expect(byGet.data).toEqual({ me: null });
    } finally {
      await other.stop();
    }
  });

  it('refuses a document over GRAPHQL_MAX_DOCUMENT_CHARS before registering it', async () => {
    // a valid query carrying a 100 KB string literal: it used to be stored for 7 days
    const query = `query Big { products(filter: { search: "${'x'.repeat(100_000)}" }) { totalCount } }`;
    const hash = sha256(query);
    const res = await postJson(stack.gatewayUrl, { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', maxDocumentChars: 20_000 });
    const redis = createRedis(testRedisUrl(), 'pq-test');
    try {
      expect(await redis.exists(`gateway:apq:${hash}`)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('keeps registrations in the cache Redis (CACHE_REDIS_URL), apart from queues and budgets', async () => {
    const cacheUrl = `${testRedisUrl()}/3`;
    const other = await startExtraGateway(stack, { CACHE_REDIS_URL: cacheUrl });
    const cache = createRedis(cacheUrl, 'pq-test-cache');
    const main = createRedis(testRedisUrl(), 'pq-test-main');
    try {
      const query = `query CacheRedisProbe { me { id } } # ${Date.now()}`;
      const hash = sha256(query);
      const res = await postJson(other.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      expect(res.body.data).toEqual({ me: null });
      let stored = 0;
      for (const deadline = Date.now() + 5000; !stored && Date.now() < deadline; ) {
        stored = await cache.exists(`gateway:apq:${hash}`);
        if (!stored) await new Promise((r) => setTimeout(r, 50));
      }
      expect(stored).toBe(1);
      expect(await main.exists(`gateway:apq:${hash}`)).toBe(0);
    } finally {
      cache.disconnect();
      main.disconnect();
      await other.stop();
    }
  });

  it('refuses a hash that does not match the query text', async () => {
    const res = await postJson(stack.gatewayUrl, { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/sha does not match/);
  });
});

describe('production defaults', () => {

  it('an enforcing production gateway runs manifest operations, refuses other documents, and takes any document from staff (ADMIN)', async () => {
    const gw = await startExtraGateway(stack, { ...PRODUCTION, RATE_LIMIT_KEY_PREFIX: `pq-${Date.now()}` });
    try {
      expect((await postJson(gw.url, { documentId: manifestIdOf('Me').id })).body.data).toEqual({ me: null });
      const adHoc = await postJson(gw.url, { query: '{ me { id email } }' });
      expect(adHoc.status).toBe(400);
      expect(adHoc.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const customer = await stack.registerCustomer('Not Staff');
      const asCustomer = await postJson(gw.url, { query: '{ me { id email } }' }, { authorization: `Bearer ${customer.accessToken}` });
      expect(asCustomer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const staff = await postJson(gw.url, { query: '{ me { id roles } }' }, { authorization: `Bearer ${await stack.adminToken()}` });
      expect(staff.body.errors).toBeUndefined();
      expect(staff.body.data.me.roles).toContain('ADMIN');
      // no APQ: a hash alone is not looked up, a registration is refused
      const apq = await postJson(gw.url, { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { id } }') } } }, { authorization: `Bearer ${await stack.adminToken()}` });
      expect(apq.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    } finally {
      await gw.stop();
    }
  });
});

describe('trusted documents (codegen manifest)', () => {
  it('serves a manifest operation by documentId, by id with or without the sha256: prefix, and by APQ hash', async () => {
    const me = manifestIdOf('Me');
    const customer = await stack.registerCustomer('Trusted Docs');
    const auth = { authorization: `Bearer ${customer.accessToken}` };
    for (const body of [
      { documentId: me.id },
      { documentId: me.id.replace(/^sha256:/, '') },
      { id: me.id },
      { extensions: { persistedQuery: { version: 1, sha256Hash: me.id.replace(/^sha256:/, '') } } },
    ]) {
      const res = await postJson(stack.gatewayUrl, body, auth);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.me).toMatchObject({ id: customer.userId, email: customer.email });
    }
    const byGet = await getGraphQL(stack.gatewayUrl, { documentId: me.id }, auth);
    expect(byGet.data!.me.id).toBe(customer.userId);
  });

  it('answers an unknown documentId with PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await postJson(stack.gatewayUrl, { documentId: 'sha256:' + '0'.repeat(64) });
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('trusted documents (Apollo persisted query list, as Apollo iOS / Kotlin generate it)', () => {
  const body = 'query MobileMe { me { id name } }';
  const id = sha256(body);
  let manifestPath: string;
  beforeAll(() => {
    manifestPath = join(mkdtempSync(join(tmpdir(), 'pq-')), 'persisted-query-manifest.json');
    writeFileSync(manifestPath, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id, name: 'MobileMe', type: 'query', body }] }));
  });

  it('enforce: serves the listed operations and refuses every other with PERSISTED_QUERY_NOT_ALLOWED', async () => {
    const gw = await startExtraGateway(stack, { TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_MANIFESTS: `${manifestPath},${CODEGEN_MANIFEST}` });
    try {
      const customer = await stack.registerCustomer('Mobile');
      const auth = { authorization: `Bearer ${customer.accessToken}` };
      const byApq = await postJson(gw.url, { operationName: 'MobileMe', extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, auth);
      expect(byApq.body.data).toEqual({ me: { id: customer.userId, name: 'Mobile' } });
      const byDocumentId = await postJson(gw.url, { documentId: manifestIdOf('Me').id }, auth);
      expect(byDocumentId.body.data.me.id).toBe(customer.userId);
      // the exact text of a listed operation is accepted too
      const byText = await postJson(gw.url, { query: body }, auth);
      expect(byText.body.data.me.id).toBe(customer.userId);

      const adHoc = await postJson(gw.url, { query: '{ me { id email } }' }, auth);
      expect(adHoc.status).toBe(400);
      expect(adHoc.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const unknownHash = await postJson(gw.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { email } }') } } }, auth);
      expect(unknownHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const registering = await postJson(gw.url, { query: '{ me { email } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { email } }') } } }, auth);
      expect(registering.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const viaGet = await getGraphQL(gw.url, { query: '{ me { id } }' }, auth);
      expect(viaGet.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    } finally {
      await gw.stop();
    }
  });

  it('allow: serves listed operations by id and still runs any other operation', async () => {
    const gw = await startExtraGateway(stack, { TRUSTED_DOCUMENTS: 'allow', TRUSTED_DOCUMENTS_MANIFESTS: manifestPath });
    try {
      expect((await postJson(gw.url, { documentId: id })).body.data).toEqual({ me: null });
      expect((await postJson(gw.url, { query: '{ me { id } }' })).body.data).toEqual({ me: null });
    } finally {
      await gw.stop();
    }
  });

  it('off: no manifest is loaded; documentId is not understood', async () => {
    const gw = await startExtraGateway(stack, { TRUSTED_DOCUMENTS: 'off', TRUSTED_DOCUMENTS_MANIFESTS: manifestPath });
    try {
      expect(gw.gateway.trustedDocuments.size).toBe(0);
      const res = await postJson(gw.url, { documentId: id });
      expect(res.status).toBe(400);
      expect((await postJson(gw.url, { query: ME })).body.data).toEqual({ me: null });
    } finally {
      await gw.stop();
    }
  });
});
