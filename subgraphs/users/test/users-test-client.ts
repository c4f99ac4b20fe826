import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAccessToken } from '../../../platform/auth/access-token';
import { Role, type Identity } from '../../../platform/auth/roles';
import { waitFor } from '../../../platform/infra/processes';
import { createRedis } from '../../../platform/redis';
import { asGateway, postGraphQL, type GraphQLResponse } from '../../../platform/testing/graphql-client';
import { testRedisUrl } from '../../../platform/testing/test-infra';
import { hashPassword } from '../src/account/password';
import type { UsersDeps } from '../src/deps';
import { UserEntity } from '../src/user/user.entity';
import { startUsersForTest, type StartedSubgraph } from './start-for-test';

export interface Customer {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  identity: Identity;
}

/**
 * The users subgraph on a fresh database with its worker, mail written to a fresh folder, and
 * helpers to call it as the gateway would on behalf of a user.
 */
export class UsersTestClient {
  private constructor(
    readonly subgraph: StartedSubgraph<UsersDeps>,
    readonly mailDir: string,
    readonly smsLog: string,
    private readonly queue: Queue,
    private readonly queueRedis: Redis,
  ) {}

  static async start(): Promise<UsersTestClient> {
    const dir = mkdtempSync(join(tmpdir(), 'users-outbox-'));
    const mailDir = join(dir, 'mail');
    const smsLog = join(dir, 'sms.log');
    const prefix = `users-test-${randomBytes(4).toString('hex')}`;
    const subgraph = await startUsersForTest(prefix, { MAIL_DIR: mailDir, SMS_LOG_FILE: smsLog });
    const queueRedis = createRedis(testRedisUrl(), 'users-test-queue', true);
    return new UsersTestClient(subgraph, mailDir, smsLog, new Queue('users', { connection: queueRedis, prefix }), queueRedis);
  }

  get deps(): UsersDeps {
    return this.subgraph.deps;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.deps.database.dataSource.query(sql, params);
  }

  /** Calls the subgraph as the gateway does; `as` is the signed-in user (none for a guest). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test responses are read as loose JSON
  call<T = Record<string, any>>(document: string, variables: Record<string, unknown> = {}, as?: Identity): Promise<GraphQLResponse<T>> {
    return postGraphQL<T>(this.subgraph.url, document, variables, asGateway(this.deps.config.internalSecret, 'users', as));
  }

  async register(name = 'Test Customer'): Promise<Customer> {
    const email = `c-${randomBytes(6).toString('hex')}@example.com`;
    const password = 'a long enough passphrase';
    const res = await this.call(
      `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } userErrors { code } } }`,
      { input: { email, password, name } },
    );
    const payload = res.data?.register;
    if (!payload?.accessToken) throw new Error(`register failed: ${JSON.stringify(res)}`);
    return { userId: payload.user.id, email, password, ...this.tokens(payload.accessToken, payload.refreshToken) };
  }

  async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string; identity: Identity } | null> {
    const res = await this.call(`mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`, { input: { email, password } });
    const payload = res.data?.login;
    return payload?.accessToken ? this.tokens(payload.accessToken, payload.refreshToken) : null;
  }

  private tokens(accessToken: string, refreshToken: string) {
    const { userId, roles, sessionId } = verifyAccessToken(this.deps.config.jwt, accessToken);
    return { accessToken, refreshToken, identity: { userId, roles, sessionId } };
  }

  /** A staff account made directly in the database. */
  async admin(): Promise<Identity & { email: string }> {
    const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
    const { identifiers } = await this.deps.database.dataSource
      .getRepository(UserEntity)
      .insert({ email, name: 'Staff', passwordHash: await hashPassword('an admin passphrase'), roles: [Role.ADMIN, Role.CUSTOMER] });
    return { userId: identifiers[0].id as string, roles: [Role.ADMIN, Role.CUSTOMER], sessionId: randomUUID(), email };
  }

  /**
   * Relays the outbox and waits until the worker is idle: no job waiting or running, nothing left
   * to relay, no notification QUEUED or SENDING (events become notifications, which become sends).
   */
  async deliverAll(): Promise<void> {
    await waitFor(
      'the worker to send every notification',
      async () => {
        await this.subgraph.drainOutbox();
        const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return false;
        // notifications with a send job (tests also write bare rows that no worker will ever see)
        const [row] = await this.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM notifications n
            WHERE n.status IN ('QUEUED', 'SENDING')
              AND EXISTS (SELECT 1 FROM outbox o WHERE o.name = 'notification.send' AND o.payload->>'notificationId' = n.id::text)`,
        );
        const [pending] = await this.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
        return row.n === 0 && pending.n === 0;
      },
      20_000,
      50,
    );
  }

  /** The e-mails written by the file transport to `to`, oldest first, as {eml, json}. */
  mailsTo(to: string): { eml: string; json: { notificationId: string; to: string; subject: string; text: string; from: string } }[] {
    let files: string[];
    try {
      files = readdirSync(this.mailDir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return [];
    }
    return files
      .map((f) => ({
        eml: readFileSync(join(this.mailDir, f.replace(/\.json$/, '.eml')), 'utf8'),
        json: JSON.parse(readFileSync(join(this.mailDir, f), 'utf8')),
      }))
      .filter((m) => m.json.to === to);
  }

  /** The token of the last link to `page` mailed to `to`. */
  lastToken(to: string, page: 'reset-password' | 'verify-email'): string {
    const mails = this.mailsTo(to).filter((m) => m.json.text.includes(`/${page}?token=`));
    const text = mails.at(-1)?.json.text;
    const match = text?.match(new RegExp(`/${page}\\?token=([A-Za-z0-9_%-]+)`));
    if (!match) throw new Error(`no ${page} link mailed to ${to}`);
    return decodeURIComponent(match[1]);
  }

  async stop(): Promise<void> {
    await this.queue.close();
    this.queueRedis.disconnect();
    await this.subgraph.stop();
  }
}

export const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
