import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAccessToken } from '../../../platform/auth/access-token';
import { Role } from '../../../platform/auth/roles';
import { waitFor } from '../../../platform/infra/processes';
import { guest, signedIn, type UserCaller } from '../../../platform/testing/callers';
import { startSubgraphHarness, type SubgraphHarness } from '../../../platform/testing/subgraph-harness';
import { hashPassword } from '../src/account/password';
import type { UsersDeps } from '../src/deps';
import users from '../src/subgraph';
import { UserEntity } from '../src/user/user.entity';

export { admin, customer, guest, service, signedIn } from '../../../platform/testing/callers';

/** A registered customer; a caller too: `users.call(c, …)` calls as them. */
export interface Customer extends UserCaller {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface Mail {
  eml: string;
  json: { notificationId: string; to: string; subject: string; text: string; from: string };
}

/** The users subgraph on the shared harness, with its mail written to a fresh folder. */
export interface UsersHarness extends SubgraphHarness<UsersDeps> {
  mailDir: string;
  smsLog: string;
  register(name?: string): Promise<Customer>;
  /** Signs in; null when the password is refused. */
  login(email: string, password: string): Promise<(UserCaller & { accessToken: string; refreshToken: string }) | null>;
  /** A staff account made directly in the database. */
  admin(): Promise<UserCaller & { userId: string; email: string }>;
  /** Settles the worker and waits until no notification with a send job is QUEUED or SENDING. */
  deliverAll(): Promise<void>;
  /** The e-mails written by the file transport to `to`, oldest first. */
  mailsTo(to: string): Mail[];
  /** The token of the last link to `page` mailed to `to`. */
  lastToken(to: string, page: 'reset-password' | 'verify-email'): string;
}

export async function startUsers(env: NodeJS.ProcessEnv = {}): Promise<UsersHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'users-outbox-'));
  const mailDir = join(dir, 'mail');
  const smsLog = join(dir, 'sms.log');
  const h = await startSubgraphHarness(users, { MAIL_DIR: mailDir, SMS_LOG_FILE: smsLog, ...env });
  const tokens = (accessToken: string, refreshToken: string) => {
    const { userId, roles, sessionId } = verifyAccessToken(h.deps.config.jwt, accessToken);
    return { ...signedIn({ userId, roles, sessionId }), accessToken, refreshToken };
  };
  const mailsTo = (to: string): Mail[] => {
    let files: string[];
    try {
      files = readdirSync(mailDir).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return [];
    }
    return files
      .map((f) => ({ eml: readFileSync(join(mailDir, f.replace(/\.json$/, '.eml')), 'utf8'), json: JSON.parse(readFileSync(join(mailDir, f), 'utf8')) }))
      .filter((m) => m.json.to === to);
  };
  return {
    ...h,
    mailDir,
    smsLog,
    async register(name = 'Test Customer') {
      const email = `c-${randomBytes(6).toString('hex')}@example.com`;
      const password = 'a long enough passphrase';
      const res = await h.call(guest, `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } userErrors { code } } }`, {
        input: { email, password, name },
      });
      const payload = res.data?.register;
      if (!payload?.accessToken) throw new Error(`register failed: ${JSON.stringify(res)}`);
      return { userId: payload.user.id, email, password, ...tokens(payload.accessToken, payload.refreshToken) };
    },
    async login(email, password) {
      const res = await h.call(guest, `mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`, { input: { email, password } });
      const payload = res.data?.login;
      return payload?.accessToken ? tokens(payload.accessToken, payload.refreshToken) : null;
    },
    async admin() {
      const email = `admin-${randomBytes(4).toString('hex')}@example.com`;
      const roles = [Role.ADMIN, Role.CUSTOMER];
      const { identifiers } = await h.deps.database.dataSource
        .getRepository(UserEntity)
        .insert({ email, name: 'Staff', passwordHash: await hashPassword('an admin passphrase'), roles });
      const userId = identifiers[0].id as string;
      return { ...signedIn({ userId, roles, sessionId: randomUUID() }), userId, email };
    },
    async deliverAll() {
      // events become notifications, which become send jobs: settle until none is left
      await waitFor(
        'the worker to send every notification',
        async () => {
          await h.settle(5_000);
          // notifications with a send job (tests also write bare rows that no worker will ever see)
          const [row] = await h.sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM notifications n
              WHERE n.status IN ('QUEUED', 'SENDING')
                AND EXISTS (SELECT 1 FROM outbox o WHERE o.name = 'notification.send' AND o.payload->>'notificationId' = n.id::text)`,
          );
          return row.n === 0;
        },
        20_000,
        50,
      );
    },
    mailsTo,
    lastToken(to, page) {
      const text = mailsTo(to).filter((m) => m.json.text.includes(`/${page}?token=`)).at(-1)?.json.text;
      const match = text?.match(new RegExp(`/${page}\\?token=([A-Za-z0-9_%-]+)`));
      if (!match) throw new Error(`no ${page} link mailed to ${to}`);
      return decodeURIComponent(match[1]);
    },
  };
}

export const codes = (payload: { userErrors: { code: string }[] }) => payload.userErrors.map((e) => e.code);
