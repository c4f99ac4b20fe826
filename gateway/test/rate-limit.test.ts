import { ApolloServer } from '@apollo/server';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../../platform/logger';
import { createRedis } from '../../platform/redis';
import { testRedisUrl } from '../../platform/testing/test-infra';
import type { GatewayContext } from '../src/gateway-context';
import { rateLimitPlugin } from '../src/rate-limit/rate-limit.plugin';
import { readRateLimitConfig } from '../src/rate-limit/rate-limit.config';
import { Env } from '../../platform/config';
import { postJson, sharedStackBehindGateway } from './gateway-fixtures';

const ME = '{ me { id } }';
/** Limiter keys of this run only: budgets in the shared test Redis do not leak between runs. */
const keyPrefix = () => `rate-limit-test-${randomBytes(4).toString('hex')}`;

describe('rate limits on the gateway (Redis)', () => {
  let stack: Awaited<ReturnType<typeof sharedStackBehindGateway>>;
  beforeAll(async () => {
    // a small budget so the test reaches it; X-Forwarded-For believed only from the loopback proxy
    stack = await sharedStackBehindGateway({ RATE_LIMIT_POINTS: '5', RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_COST_PER_POINT: '100', TRUSTED_PROXIES: 'loopback', RATE_LIMIT_KEY_PREFIX: keyPrefix() });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const fromIp = (ip: string, headers: Record<string, string> = {}) => postJson(stack.gatewayUrl, { query: ME }, { 'x-forwarded-for': ip, ...headers });

  it('reports the remaining budget, then answers 429 with Retry-After and THROTTLED', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fromIp(ip);
      expect(res.status).toBe(200);
      remaining.push(res.body.extensions.rateLimit.remaining);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(res.body.extensions.rateLimit.remaining));
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    const over = await fromIp(ip);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(over.body.errors[0].extensions.code).toBe('THROTTLED');
    expect(over.body.data).toBeUndefined();

    // another client (another address) has its own budget
    expect((await fromIp('198.51.100.7')).status).toBe(200);
  });

  it('counts a signed-in user apart from the address it comes from', async () => {
    const ip = '192.0.2.44';
    const customer = await stack.registerCustomer('Budget'); // spends from its own address's budget
    for (let i = 0; i < 5; i++) expect((await fromIp(ip)).status).toBe(200);
    expect((await fromIp(ip)).status).toBe(429);
    const asUser = await fromIp(ip, { authorization: `Bearer ${customer.accessToken}` });
    expect(asUser.status).toBe(200);
    expect(asUser.body.data.me.id).toBe(customer.userId);
  });

  it('charges a costly operation more than one point: its cost counts the page size passed as a variable', async () => {
    const ip = '192.0.2.99';
    // me makes the response private: budgets are not reported on publicly cacheable responses
    const heavy = 'query Heavy($n: Int) { me { id } products(first: $n) { edges { node { id name slug } } } }';
    const res = await postJson(stack.gatewayUrl, { query: heavy, variables: { n: 50 } }, { 'x-forwarded-for': ip });
    expect(res.status).toBe(200);
    // me 2 + the connection 2 + 50 × (edges 1 + node 1 + three scalars): 254 → 2 calls + floor(254 / 100) points
    expect(res.body.extensions.cost).toMatchObject({ requestedQueryCost: 254, throttleStatus: { maximumAvailable: 5, currentlyAvailable: 1 } });
    expect(res.body.extensions.cost.actualQueryCost).toBeLessThanOrEqual(254);
    expect(res.body.extensions.rateLimit.cost).toBe(4);
    expect(res.body.extensions.rateLimit.remaining).toBe(1);
  });

  it('charges every root-field call: three aliased calls in one request spend three points', async () => {
    const ip = '192.0.2.77';
    const res = await postJson(stack.gatewayUrl, { query: '{ a: me { id } b: me { id } c: me { id } }' }, { 'x-forwarded-for': ip });
    expect(res.status).toBe(200);
    expect(res.body.extensions.rateLimit).toMatchObject({ cost: 3, remaining: 2 });
  });

  it('does not spend budget on operations that fail validation', async () => {
    const ip = '192.0.2.120';
    for (let i = 0; i < 8; i++) expect((await postJson(stack.gatewayUrl, { query: '{ nope }' }, { 'x-forwarded-for': ip })).status).toBe(400);
    const res = await fromIp(ip);
    expect(res.body.extensions.rateLimit.remaining).toBe(4);
  });
});

describe('X-Forwarded-For without a trusted proxy', () => {
  let stack: Awaited<ReturnType<typeof sharedStackBehindGateway>>;
  beforeAll(async () => {
    stack = await sharedStackBehindGateway({ RATE_LIMIT_POINTS: '3', RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_KEY_PREFIX: keyPrefix() });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is ignored: a client cannot get a fresh budget by inventing addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postJson(stack.gatewayUrl, { query: ME }, { 'x-forwarded-for': `10.9.8.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('the checkout budget', () => {
  // the checkout mutation comes with the orders subgraph; the plugin is tested here on a schema that has it
  const redis = createRedis(testRedisUrl(), 'rate-limit-test');
  afterAll(() => redis.disconnect());

  it('allows 10 checkouts a minute per client in production, on top of the API budget', async () => {
    const config = { ...readRateLimitConfig(new Env({}), true), keyPrefix: keyPrefix() };
    expect(config).toMatchObject({ points: 100, checkoutPoints: 10, windowSeconds: 60 });
    const server = new ApolloServer<GatewayContext>({
      typeDefs: 'type Query { ping: Boolean } type Mutation { checkout(cartId: ID!): Boolean }',
      resolvers: { Query: { ping: () => true }, Mutation: { checkout: () => true } },
      plugins: [rateLimitPlugin({ redis, config, log: createLogger('test', 'silent') })],
    });
    await server.start();
    const contextValue = { requestId: 'r', client: { ip: '192.0.2.1', userAgent: null }, log: createLogger('test', 'silent') } as GatewayContext;
    const results: string[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await server.executeOperation({ query: 'mutation { checkout(cartId: "c") }' }, { contextValue });
      const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
      results.push(body?.errors ? String(body.errors[0].extensions?.code) : 'ok');
    }
    expect(results).toEqual([...Array(10).fill('ok'), 'THROTTLED']);
    // the API budget still has room: other operations go on
    const ping = await server.executeOperation({ query: '{ ping }' }, { contextValue });
    expect(ping.body.kind === 'single' && ping.body.singleResult.data).toEqual({ ping: true });
    await server.stop();
  });
});
