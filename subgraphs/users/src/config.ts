import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommonConfig, Env, NodeEnv } from '../../../platform/config';
import { readSubgraphConfig, type SubgraphConfig } from '../../../platform/subgraph-config';

export interface MailConfig {
  /** SMTP server, e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. */
  smtpUrl?: string;
  /** Without SMTP: the folder where each sent e-mail is written as an .eml file and a .json summary. */
  fileDir?: string;
  /** The From header of every e-mail. */
  from: string;
}

export interface SmsConfig {
  /** An HTTP endpoint that receives `POST {to, body}` for each text message. */
  webhookUrl?: string;
  /** Without a webhook: the file every text message is appended to, one JSON line each. */
  logFile: string;
}

/** Points of a send where NOTIFICATION_FAULT_KILL_AT makes the worker kill itself (tests of crash recovery only). */
export const KILL_POINTS = ['none', 'after-claim', 'after-send'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

export interface NotificationSendConfig {
  /**
   * A SENDING claim older than this is taken for a worker that died mid-send: the sweep queues the
   * message again (and a redelivered job may claim it). Longer than any send can take.
   */
  claimTimeoutSeconds: number;
  /** How often the worker looks for such claims (a repeating job); 0: never. */
  sweepMs: number;
  /**
   * Fault injection, off ('none') by default and refused in production: the worker process sends
   * itself SIGKILL at this point of the first send that reaches it — right after claiming the
   * notification, or after the mail server or SMS provider accepted it but before SENT is recorded.
   */
  faultKillAt: KillPoint;
}

export interface UsersConfig extends SubgraphConfig {
  refreshTtlDays: number;
  /**
   * For this long after a refresh token was traded, presenting it again returns the tokens it was
   * traded for (two tabs refreshing at once) instead of ending the session (RFC 9700, 4.14.2).
   */
  refreshReuseGraceSeconds: number;
  /** How often the worker checks that Redis still lists every recent revocation (and lists them again if not); 0: never. */
  revocationRepublishMs: number;
  /** Public address of the storefront, for links in e-mails. */
  storefrontUrl: string;
  mail: MailConfig;
  sms: SmsConfig;
  notifications: NotificationSendConfig;
}

/** The folder holding package.json, from the sources and from dist/ alike. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ENV_FOLDER: Record<NodeEnv, string> = { development: 'dev', test: 'test', production: 'production' };

/**
 * Where development and test mail goes without SMTP: `.data/dev/mail/` under `npm start`,
 * `.data/test/mail/` in tests (MAIL_DIR overrides). Text messages: `.data/<env>/sms.log`.
 */
export function defaultOutboxFolder(nodeEnv: NodeEnv, what: 'mail' | 'sms.log'): string {
  return join(projectRoot(), '.data', ENV_FOLDER[nodeEnv], what);
}

/** The users subgraph's own settings (ports, database and common settings are the platform's). */
export function readUsersSettings(env: Env, common: CommonConfig): Omit<UsersConfig, keyof SubgraphConfig> {
  const smtpUrl = env.optional('SMTP_URL') ? env.url('SMTP_URL', undefined, ['smtp', 'smtps']) : undefined;
  const mailDir = env.optional('MAIL_DIR');
  if (common.production && !smtpUrl && !mailDir) {
    // production mail must leave the machine unless a file outbox is asked for explicitly
    env.string('SMTP_URL');
  }
  if (common.production && !common.jwt.keys.signing) {
    // only this subgraph issues access tokens: it alone holds the private key
    env.string('JWT_PRIVATE_KEY_FILE');
  }
  const faultKillAt = env.oneOf('NOTIFICATION_FAULT_KILL_AT', KILL_POINTS, 'none');
  if (common.production && faultKillAt !== 'none') env.invalid('NOTIFICATION_FAULT_KILL_AT is for tests of crash recovery; it cannot be set in production');
  const smsWebhook = env.optional('SMS_WEBHOOK_URL') ? env.url('SMS_WEBHOOK_URL', undefined, ['http', 'https']) : undefined;
  return {
    refreshTtlDays: env.int('REFRESH_TOKEN_TTL_DAYS', 30, { min: 1, max: 365 }),
    refreshReuseGraceSeconds: env.int('REFRESH_REUSE_GRACE_SECONDS', 10, { min: 0, max: 60 }),
    revocationRepublishMs: env.int('REVOCATION_REPUBLISH_MS', 30_000, { min: 0, max: 3_600_000 }),
    storefrontUrl: env.url('STOREFRONT_URL', 'http://localhost:3000'),
    mail: {
      smtpUrl,
      fileDir: smtpUrl ? undefined : resolve(mailDir ?? defaultOutboxFolder(common.nodeEnv, 'mail')),
      from: env.string('MAIL_FROM', 'Shop <no-reply@shop.example>'),
    },
    sms: {
      webhookUrl: smsWebhook,
      logFile: resolve(env.string('SMS_LOG_FILE', defaultOutboxFolder(common.nodeEnv, 'sms.log'))),
    },
    notifications: {
      claimTimeoutSeconds: env.int('NOTIFICATION_CLAIM_TIMEOUT_SECONDS', 300, { min: 1, max: 86_400 }),
      sweepMs: env.int('NOTIFICATION_SWEEP_MS', 60_000, { min: 0, max: 86_400_000 }),
      faultKillAt,
    },
  };
}

export const readUsersConfig = (source: NodeJS.ProcessEnv = process.env): UsersConfig => readSubgraphConfig('users', source, readUsersSettings);
