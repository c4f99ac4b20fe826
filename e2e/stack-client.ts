import { randomBytes } from 'node:crypto';
import { postGraphQL, type GraphQLResponse } from '../platform/testing/graphql-client';

/**
 * What a test file needs of a running system, whichever process runs it: the shared stack of
 * the e2e run (e2e/shared-stack.ts) or a stack of the file's own (e2e/harness.ts).
 */
export interface StackClient {
  gatewayUrl: string;
  /** Where each subgraph answers (its /graphql), by name. */
  subgraphs: Record<string, { url: string }>;
  /** The internal credential's secret the subgraphs trust. */
  internalSecret: string;
  /** The folder where the users subgraph writes each sent e-mail. */
  mailDir: string;
  /** POSTs an operation to the gateway, as a client would; `token` becomes `Authorization: Bearer`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read as loose JSON
  call<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Registers a new customer through the gateway and returns its tokens. */
  registerCustomer(name?: string): Promise<Customer>;
  /** An access token of a staff account (role ADMIN). */
  adminToken(): Promise<string>;
  /** Runs SQL on a subgraph's primary database (test setup and checks only). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are read as loose JSON
  sql<T = any>(subgraph: string, query: string, params?: unknown[]): Promise<T[]>;
  /** Relays every subgraph's outbox now (the workers also poll on their own). */
  drainOutboxes(): Promise<void>;
  /** Releases what this file holds (a shared stack keeps running for the other files). */
  stop(): Promise<void>;
}

export interface Customer {
  accessToken: string;
  refreshToken: string;
  userId: string;
  email: string;
  password: string;
}

const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } userErrors { code message } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { accessToken userErrors { code } } }`;

/** `call`, `registerCustomer` and a sign-in, against one gateway URL. */
export function gatewayClient(gatewayUrl: string): Pick<StackClient, 'call' | 'registerCustomer'> & { login(email: string, password: string): Promise<string> } {
  const call: StackClient['call'] = (query, variables = {}, token, headers = {}) =>
    postGraphQL(gatewayUrl, query, variables, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });
  return {
    call,
    async registerCustomer(name = 'Test Customer') {
      const email = `c-${randomBytes(6).toString('hex')}@example.com`;
      const password = 'a long enough passphrase';
      const result = await call(REGISTER, { input: { email, password, name } });
      const payload = result.data?.register;
      if (!payload?.accessToken) throw new Error(`register failed: ${JSON.stringify(result)}`);
      return { accessToken: payload.accessToken, refreshToken: payload.refreshToken, userId: payload.user.id, email, password };
    },
    async login(email, password) {
      const result = await call(LOGIN, { input: { email, password } });
      const token = result.data?.login.accessToken;
      if (!token) throw new Error(`login of ${email} failed: ${JSON.stringify(result)}`);
      return token as string;
    },
  };
}
