import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config';

export interface OutgoingMail {
  /** The idempotency key: the same notification sent again is the same message (see createMailer). */
  notificationId: string;
  /** When the notification was created: the same for every send of it. */
  createdAt: Date;
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; `describe` says where it goes, for the start-up log. */
export interface Mailer {
  readonly describe: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set (smtp:// or smtps://, credentials in the URL). Otherwise, in
 * development and tests, a file outbox: each message is written to MAIL_DIR (by default
 * `.data/dev/mail/` for `npm start`, `.data/test/mail/` for tests) as
 * `<notification created at>-<notification id>.eml` — the complete message, which any mail client
 * opens — and a `.json` beside it with the recipient, subject and text.
 *
 * Sending is idempotent per notification where the transport allows it, since a worker can die
 * after the message left and before SENT is recorded (notification-sender.ts), and then sends again:
 * - files: the name depends only on the notification, and each file is written to a temporary name
 *   and renamed, so a second send replaces the first: one message per notification, always whole;
 * - SMTP: the Message-ID is `<notification id@sender's domain>` on every send. A mail server cannot
 *   be part of the database transaction, so a second copy is possible (only after such a crash, or a
 *   timeout after the server had accepted the message); it carries the same Message-ID, by which
 *   mail clients and archives recognise it as the same message.
 */
export function createMailer(config: MailConfig): Mailer {
  if (config.smtpUrl) return smtpMailer(config.smtpUrl, config.from);
  if (config.fileDir) return fileMailer(config.fileDir, config.from);
  throw new Error('No mail transport: set SMTP_URL or MAIL_DIR');
}

/** `<id@domain>`: the domain of the From address (`Shop <no-reply@shop.example>` → shop.example). */
export function messageIdFor(notificationId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${notificationId}@${domain}>`;
}

function message(mail: OutgoingMail, from: string) {
  return { to: mail.to, subject: mail.subject, text: mail.text, messageId: messageIdFor(mail.notificationId, from), headers: { 'X-Notification-Id': mail.notificationId } };
}

/** Well inside the claim timeout (NOTIFICATION_CLAIM_TIMEOUT_SECONDS, 300 s by default): a send never outlives its claim. */
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

function smtpMailer(url: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS }, { from });
  return {
    describe: `SMTP ${new URL(url).host}`,
    async send(mail) {
      await transport.sendMail(message(mail, from));
    },
    close: () => transport.close(),
  };
}

/** Writes to a temporary name beside `path`, then renames it into place. */
async function writeInPlace(path: string, content: string | Buffer): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

function fileMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from });
  return {
    describe: `files in ${dir}`,
    async send(mail) {
      const info = await transport.sendMail(message(mail, from));
      await mkdir(dir, { recursive: true });
      const base = join(dir, `${mail.createdAt.toISOString().replace(/[:.]/g, '-')}-${mail.notificationId}`);
      // readers see whole files only: the .eml first, then the .json that announces it
      await writeInPlace(`${base}.eml`, info.message as Buffer);
      const summary = { notificationId: mail.notificationId, messageId: info.messageId, from, to: mail.to, subject: mail.subject, text: mail.text };
      await writeInPlace(`${base}.json`, `${JSON.stringify(summary, null, 2)}\n`);
    },
    close: () => transport.close(),
  };
}
