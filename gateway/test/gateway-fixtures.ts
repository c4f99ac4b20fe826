import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../platform/logger';
import { createRedis } from '../../platform/redis';
import { testRedisUrl } from '../../platform/testing/test-infra';
import { productionTestEnv, testInternalSecret } from '../../platform/testing/test-secrets';
import { readGatewayConfig } from '../src/config';
import { createGateway, type GatewayServer } from '../src/server';
import type { TrustedDocuments } from '../src/persisted-queries/trusted-documents';
import { sharedStack } from '../../e2e/shared-stack';
import { gatewayClient, type StackClient } from '../../e2e/stack-client';
import { envPrefix } from '../../subgraphs/registry';

/** The production profile (as `npm run start:prod` runs it), with the secret and keys of the test subgraphs. */
export const PRODUCTION = productionTestEnv();

/** A gateway of this process in front of a stack's subgraphs and Redis, e.g. with other settings. */
export async function startExtraGateway(
  stack: Pick<StackClient, 'subgraphs'>,
  env: NodeJS.ProcessEnv = {},
  trustedDocuments?: TrustedDocuments,
  log: Logger = createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'warn'),
): Promise<{ url: string; gateway: GatewayServer; stop(): Promise<void> }> {
  const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [`${envPrefix(name)}_URL`, s.url]));
  const config = readGatewayConfig({ NODE_ENV: 'test', REDIS_URL: testRedisUrl(), INTERNAL_SECRET: testInternalSecret(), ...urls, ...env });
  const redis = createRedis(config.redisUrl, 'gateway-test-extra');
  const gateway = await createGateway({ config, redis, log, trustedDocuments });
  const http = await gateway.listen(0, '127.0.0.1');
  http.keepAliveTimeout = 0; // as the stack's servers (platform/testing/start-subgraph.ts)
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    gateway,
    async stop() {
      await gateway.stop();
      redis.disconnect();
    },
  };
}

/**
 * The run's shared stack seen through a gateway of this file with these settings (a gateway
 * setting needs no stack of its own): `gatewayUrl`, `call` and `registerCustomer` go through
 * that gateway; `stop()` stops it and leaves the shared stack running.
 */
export async function sharedStackBehindGateway(env: NodeJS.ProcessEnv): Promise<StackClient & { gateway: GatewayServer }> {
  const shared = await sharedStack();
  const gw = await startExtraGateway(shared, env);
  const client = gatewayClient(gw.url);
  return {
    ...shared,
    gatewayUrl: gw.url,
    gateway: gw.gateway,
    call: client.call,
    registerCustomer: client.registerCustomer,
    async stop() {
      await gw.stop();
      await shared.stop();
    },
  };
}

/** A GET to the GraphQL endpoint with these query-string parameters (objects are JSON-encoded). */
export async function getGraphQL(url: string, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  // a header a browser form cannot send: passes Apollo's CSRF prevention, as Apollo's clients do
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, any> };
  return { status: response.status, headers: response.headers, ...body };
}

/** A POST with an arbitrary JSON body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = (await response.json()) as any;
  return { status: response.status, headers: response.headers, body: json };
}
