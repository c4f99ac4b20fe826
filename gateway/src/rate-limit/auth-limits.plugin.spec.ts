import { ApolloServer } from '@apollo/server';
import { randomBytes } from 'node:crypto';
import { Env } from '../../../platform/config';
import { createLogger } from '../../../platform/logger';
import { createRedis } from '../../../platform/redis';
import type { GatewayContext } from '../gateway-context';
import { authLimitsPlugin } from './auth-limits.plugin';
import { readAuthLimitsConfig } from './auth-limits.config';

const keyPrefix = () => `auth-limit-test-${randomBytes(4).toString('hex')}`;

describe('the login buckets while Redis is unreachable', () => {
  it('still lock an e-mail out, counted by each instance in memory', async () => {
    const redis = createRedis('redis://127.0.0.1:45599', 'auth-limit-test-down'); // nothing listens there
    redis.on('error', () => undefined);
    const server = new ApolloServer<GatewayContext>({
      typeDefs: 'type Query { ping: Boolean } input LoginInput { email: String! password: String! } type E { code: String! } type P { accessToken: String userErrors: [E!]! } type Mutation { login(input: LoginInput!): P! }',
      resolvers: { Mutation: { login: () => ({ accessToken: null, userErrors: [{ code: 'INVALID_CREDENTIALS' }] }) } },
      plugins: [authLimitsPlugin({ redis, config: readAuthLimitsConfig(new Env({}), true), keyPrefix: keyPrefix(), log: createLogger('test', 'silent') })],
    });
    await server.start();
    const contextValue = { requestId: 'r', client: { ip: '192.0.2.10', userAgent: null }, log: createLogger('test', 'silent') } as GatewayContext;
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await server.executeOperation({ query: 'mutation { login(input: { email: "x@example.com", password: "p" }) { accessToken userErrors { code } } }' }, { contextValue });
      const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
      results.push(body?.errors ? String(body.errors[0].extensions?.code) : String((body?.data as any)?.login.userErrors[0].code));
    }
    expect(results).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), 'LOGIN_LOCKED']);
    await server.stop();
    redis.disconnect();
  });
});
