import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Env, readCommonConfig, type CommonConfig, type NodeEnv } from '../../../platform/config';
import type { DatabaseConfig } from '../../../platform/db/data-source';
import { readDatabaseConfig } from '../../../platform/db/database-config';

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

export interface UsersConfig extends CommonConfig {
  port: number;
  workerPort: number;
  database: DatabaseConfig;
  refreshTtlDays: number;
  /** Public address of the storefront, for links in e-mails. */
  storefrontUrl: string;
  mail: MailConfig;
  sms: SmsConfig;
  /** The cart subgraph, which merges a guest cart at sign-in; unset: only the signed-in event merges it. */
  cartUrl?: string;
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

export function readUsersConfig(source: NodeJS.ProcessEnv = process.env): UsersConfig {
  const env = new Env(source);
  const common = readCommonConfig(env);
  const smtpUrl = env.optional('SMTP_URL') ? env.url('SMTP_URL', undefined, ['smtp', 'smtps']) : undefined;
  const mailDir = env.optional('MAIL_DIR');
  if (common.production && !smtpUrl && !mailDir) {
    // production mail must leave the machine unless a file outbox is asked for explicitly
    env.string('SMTP_URL');
  }
  const smsWebhook = env.optional('SMS_WEBHOOK_URL') ? env.url('SMS_WEBHOOK_URL', undefined, ['http', 'https']) : undefined;
  const config: UsersConfig = {
    ...common,
    port: env.int('USERS_PORT', 4001, { min: 1, max: 65535 }),
    workerPort: env.int('USERS_WORKER_PORT', 4101, { min: 1, max: 65535 }),
    database: readDatabaseConfig(env, 'users', 'postgres://postgres@127.0.0.1:5433/users'),
    refreshTtlDays: env.int('REFRESH_TOKEN_TTL_DAYS', 30, { min: 1, max: 365 }),
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
    cartUrl: env.optional('CART_URL') ? env.url('CART_URL', undefined, ['http', 'https']) : undefined,
  };
  env.done();
  return config;
}
