import type { AddressInfo } from 'node:net';
import { createLogger } from '../../platform/logger';
import { createRedis } from '../../platform/redis';
import { composeSupergraph } from '../../scripts/composition';
import { storefront } from '../../e2e/operations';
import { readGatewayConfig } from '../src/config';
import { createGateway } from '../src/server';
import { PRODUCTION, sharedStackBehindGateway } from './gateway-fixtures';

/** The production gateway's front door: CORS, CSRF-safe content types, and what the public port tells. */
describe('the production gateway', () => {
  let stack: Awaited<ReturnType<typeof sharedStackBehindGateway>>;
  let base: string;
  beforeAll(async () => {
    stack = await sharedStackBehindGateway({ ...PRODUCTION, TRUSTED_DOCUMENTS: 'allow', CORS_ORIGINS: 'https://shop.example.com', RATE_LIMIT_KEY_PREFIX: `front-door-${Date.now()}` });
    base = stack.gatewayUrl.replace('/graphql', '');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const post = (headers: Record<string, string>, body: string) => fetch(stack.gatewayUrl, { method: 'POST', headers, body });

  it('gives an Origin outside CORS_ORIGINS no Access-Control-Allow-Origin, and one on the list its own', async () => {
    const json = JSON.stringify({ query: storefront.Me });
    const foreign = await post({ 'content-type': 'application/json', origin: 'https://evil.example.net' }, json);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const foreignPreflight = await fetch(stack.gatewayUrl, { method: 'OPTIONS', headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();

    const shop = await post({ 'content-type': 'application/json', origin: 'https://shop.example.com' }, json);
    expect(shop.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(shop.headers.get('vary')).toMatch(/origin/i);
    const preflight = await fetch(stack.gatewayUrl, { method: 'OPTIONS', headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });

  it('answers a page of its own origin (the playground) as same-origin, without CORS', async () => {
    const res = await post({ 'content-type': 'application/json', origin: base }, JSON.stringify({ query: storefront.Me }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ me: null });
  });

  it.each([
    ['text/plain', JSON.stringify({ query: '{ me { id } }' })],
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent('{ me { id } }')}`],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ me { id } }\r\n--x--\r\n'],
  ])('refuses a %s POST without a preflight header (a form could send it)', async (type, body) => {
    const res = await post({ 'content-type': type }, body);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/"data"/);
  });

  it('serves /healthz and /readyz on the public port, and no /metrics', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const ops = await stack.gateway.listenOps(0, '127.0.0.1');
    const metrics = await fetch(`http://127.0.0.1:${(ops.address() as AddressInfo).port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/graphql_request_duration_seconds/);
  });
});

it('keeps the reason of a failed readiness check off the public port (only the operations port has it)', async () => {
  const config = readGatewayConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:45598' }); // nothing listens there
  const redis = createRedis(config.redisUrl, 'front-door-down');
  redis.on('error', () => undefined);
  const { supergraph } = await composeSupergraph();
  const gateway = await createGateway({ config, redis, log: createLogger('gateway', 'silent'), supergraphSdl: supergraph });
  try {
    const pub = await gateway.listen(0, '127.0.0.1');
    const ops = await gateway.listenOps(0, '127.0.0.1');
    const publicReady = await fetch(`http://127.0.0.1:${(pub.address() as AddressInfo).port}/readyz`);
    expect(publicReady.status).toBe(503);
    expect(await publicReady.json()).toEqual({ status: 'unavailable' });
    const opsReady = await fetch(`http://127.0.0.1:${(ops.address() as AddressInfo).port}/readyz`);
    expect(opsReady.status).toBe(503);
    expect(((await opsReady.json()) as { reason?: string }).reason).toEqual(expect.any(String));
  } finally {
    await gateway.stop();
    redis.disconnect();
  }
});
