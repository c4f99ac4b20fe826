import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../../../platform/logger';
import type { SmsConfig } from '../config';

/**
 * Sends a text message to an E.164 number; throws when the provider refuses it. `notificationId`
 * is the idempotency key: sending the same notification again must not send a second message.
 */
export interface SmsProvider {
  readonly describe: string;
  send(to: string, body: string, notificationId: string): Promise<void>;
}

/**
 * The development provider: appends one JSON line per message ({at, notificationId, to, body})
 * to SMS_LOG_FILE (by default `.data/dev/sms.log`, `.data/test/sms.log` in tests) and logs it.
 * A notification already in the file is not appended again (one worker sends a notification at a
 * time: the claim in notification-sender.ts).
 */
export class LogFileSmsProvider implements SmsProvider {
  readonly describe: string;
  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {
    this.describe = `lines in ${file}`;
  }

  async send(to: string, body: string, notificationId: string): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const sent = await readFile(this.file, 'utf8').catch(() => '');
    if (sent.includes(`"notificationId":${JSON.stringify(notificationId)}`)) {
      this.log.info({ to, notificationId }, 'text message already in the development SMS log');
      return;
    }
    await appendFile(this.file, `${JSON.stringify({ at: new Date().toISOString(), notificationId, to, body })}\n`);
    this.log.info({ to, notificationId }, 'text message written to the development SMS log');
  }
}

/**
 * A gateway reached over HTTP: `POST <SMS_WEBHOOK_URL>` with JSON {to, body, reference} and the
 * header `Idempotency-Key: <notification id>` (also `reference`); any 2xx is success. The gateway
 * must send one message per key: a repeat comes only after a worker died mid-send.
 */
export class WebhookSmsProvider implements SmsProvider {
  readonly describe: string;
  constructor(private readonly url: string) {
    this.describe = `webhook ${new URL(url).host}`;
  }

  async send(to: string, body: string, notificationId: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': notificationId },
      body: JSON.stringify({ to, body, reference: notificationId }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}

export function createSmsProvider(config: SmsConfig, log: Logger): SmsProvider {
  return config.webhookUrl ? new WebhookSmsProvider(config.webhookUrl) : new LogFileSmsProvider(config.logFile, log);
}
