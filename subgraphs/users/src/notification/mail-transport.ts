import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { MailConfig } from '../config';

export interface OutgoingMail {
  notificationId: string;
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
 * `.data/dev/mail/` for `npm start`, `.data/test/mail/` for tests) as `<time>-<notification id>.eml`
 * — the complete message, which any mail client opens — and a `.json` beside it with the
 * recipient, subject and text.
 */
export function createMailer(config: MailConfig): Mailer {
  if (config.smtpUrl) return smtpMailer(config.smtpUrl, config.from);
  if (config.fileDir) return fileMailer(config.fileDir, config.from);
  throw new Error('No mail transport: set SMTP_URL or MAIL_DIR');
}

function message(mail: OutgoingMail) {
  return { to: mail.to, subject: mail.subject, text: mail.text, headers: { 'X-Notification-Id': mail.notificationId } };
}

function smtpMailer(url: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(url, { from });
  return {
    describe: `SMTP ${new URL(url).host}`,
    async send(mail) {
      await transport.sendMail(message(mail));
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
      const info = await transport.sendMail(message(mail));
      await mkdir(dir, { recursive: true });
      const base = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.notificationId}`);
      // readers see whole files only: the .eml first, then the .json that announces it
      await writeInPlace(`${base}.eml`, info.message as Buffer);
      const summary = { notificationId: mail.notificationId, messageId: info.messageId, from, to: mail.to, subject: mail.subject, text: mail.text };
      await writeInPlace(`${base}.json`, `${JSON.stringify(summary, null, 2)}\n`);
    },
    close: () => transport.close(),
  };
}
