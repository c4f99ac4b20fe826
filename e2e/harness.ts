import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hashPassword } from '../subgraphs/users/src/account/password';
import { UserEntity } from '../subgraphs/users/src/user/user.entity';
import { Role } from '../platform/auth/roles';
import { createLogger } from '../platform/logger';
import { createRedis } from '../platform/redis';
import { testRedisUrl } from '../platform/testing/test-infra';
import { testInternalSecret } from '../platform/testing/test-secrets';
import type { StatementLog } from '../platform/db/statement-log';
import { readGatewayConfig } from '../gateway/src/config';
import { createGateway, type GatewayServer } from '../gateway/src/server';
import { startSubgraphForTest, type StartedSubgraph } from '../platform/testing/start-subgraph';
import type { SubgraphDefinition } from '../platform/subgraph';
import { loadSubgraphs } from '../subgraphs/definitions';
import { envPrefix } from '../subgraphs/registry';
import { gatewayClient, type StackClient } from './stack-client';

/** A stack of a file's own, in its process: besides what any file can use, its live objects. */
export interface Stack extends StackClient {
  gateway: GatewayServer;
  subgraphs: Record<string, StartedSubgraph<any>>;
  /** Every subgraph database's statement log, for counting statements. */
  statementLogs(): StatementLog[];
}

/**
 * A file's own system, in its process (a file that needs only the standard system uses
 * `sharedStack()` of e2e/shared-stack.ts instead): every subgraph with its worker, and the gateway over the
 * committed supergraph, as in production (scripts/composition.spec.ts keeps it up to date).
 * `env` goes to the gateway, `subgraphEnv[name]` to one subgraph (e.g. its database on another cluster),
 * `replace[name]` runs a test variant of a subgraph's definition instead (e.g. on a test clock).
 * `external[name]` starts that subgraph some other way (e.g. as child processes a test can kill:
 * e2e/subgraph-process.ts), after the others, given where they answer and the queue prefix.
 */
export async function startStack(
  env: NodeJS.ProcessEnv = {},
  subgraphEnv: Record<string, NodeJS.ProcessEnv> = {},
  replace: Record<string, SubgraphDefinition<any, any>> = {},
  external: Record<string, (serviceUrls: Record<string, string>, queuePrefix: string) => Promise<StartedSubgraph<any>>> = {},
): Promise<Stack> {
  const queuePrefix = `e2e-${randomBytes(4).toString('hex')}`;
  const subgraphs: Record<string, StartedSubgraph<any>> = {};
  // every registered subgraph, side by side: a fresh database, its server and its worker in this process
  const inProcess = loadSubgraphs().filter((definition) => !external[definition.name]);
  for (const started of await Promise.all(inProcess.map((definition) => startSubgraphForTest(replace[definition.name] ?? definition, queuePrefix, subgraphEnv[definition.name])))) {
    subgraphs[started.name] = started;
  }
  for (const [name, start] of Object.entries(external)) {
    subgraphs[name] = await start(Object.fromEntries(Object.entries(subgraphs).map(([other, s]) => [other, s.url])), queuePrefix);
  }
  // each listens on a free port first; then every one learns where the others answer (its service client)
  const serviceUrls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url]));
  for (const s of Object.values(subgraphs)) s.useServiceUrls(serviceUrls);
  const urls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [`${envPrefix(name)}_URL`, s.url]));
  const config = readGatewayConfig({ NODE_ENV: 'test', REDIS_URL: testRedisUrl(), INTERNAL_SECRET: testInternalSecret(), ...urls, ...env });
  const redis = createRedis(config.redisUrl, 'gateway-test');
  const gateway = await createGateway({ config, redis, log: createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'warn') });
  const http = await gateway.listen(0, '127.0.0.1');
  http.keepAliveTimeout = 0; // as the subgraphs' (platform/testing/start-subgraph.ts)
  const gatewayUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;

  const client = gatewayClient(gatewayUrl);
  let admin: Promise<string> | undefined;
  return {
    gatewayUrl,
    gateway,
    subgraphs,
    internalSecret: testInternalSecret(),
    mailDir: subgraphs.users?.deps.config.mail.fileDir,
    call: client.call,
    registerCustomer: client.registerCustomer,
    adminToken() {
      admin ??= createStaff(subgraphs.users).then((staff) => client.login(staff.email, staff.password));
      return admin;
    },
    sql: (name, query, params = []) => subgraphs[name].deps.database.dataSource.query(query, params),
    statementLogs: () => Object.values(subgraphs).map((s) => s.deps.database.statements),
    async drainOutboxes() {
      for (const s of Object.values(subgraphs)) await s.drainOutbox();
    },
    async stop() {
      await gateway.stop();
      redis.disconnect();
      for (const s of Object.values(subgraphs)) await s.stop();
    },
  };
}

/** A staff account (ADMIN), created directly in the users database. */
export async function createStaff(users: StartedSubgraph<any>): Promise<{ email: string; password: string }> {
  const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'an admin passphrase';
  await users.deps.database.dataSource
    .getRepository(UserEntity)
    .insert({ email, name: 'Staff', passwordHash: await hashPassword(password), roles: [Role.ADMIN, Role.CUSTOMER] });
  return { email, password };
}
