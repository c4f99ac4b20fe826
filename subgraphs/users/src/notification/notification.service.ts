import type { EntityManager } from 'typeorm';
import { enqueue } from '../../../../platform/queue/outbox';
import { NotificationEntity } from './notification.entity';
import { renderEmail, renderSms, type TemplateData, type TemplateName } from './notification.templates';

export const SEND_JOB = 'notification.send';

export interface SendJobData {
  notificationId: string;
}

interface Common {
  /** The account it belongs to; null for a guest. */
  userId: string | null;
  /** A one-time token the body's link carries (see SECRET_PLACEHOLDER); stored only until sent. */
  secret?: string;
}

/**
 * Records an e-mail and queues its sending, in `m`'s transaction: the notification exists if and
 * only if the change that caused it commits. Returns the notification's id.
 */
export async function queueEmail<T extends TemplateName>(
  m: EntityManager,
  to: Common & { email: string },
  template: T,
  data: TemplateData[T],
): Promise<string> {
  const { subject, body } = renderEmail(template, data);
  return insertAndEnqueue(m, { userId: to.userId, channel: 'EMAIL', recipient: to.email, template, subject, body, secret: to.secret ?? null });
}

/** Records a text message and queues its sending; null when the template has no text form. */
export async function queueSms<T extends TemplateName>(
  m: EntityManager,
  to: Common & { phone: string },
  template: T,
  data: TemplateData[T],
): Promise<string | null> {
  const body = renderSms(template, data);
  if (!body) return null;
  return insertAndEnqueue(m, { userId: to.userId, channel: 'SMS', recipient: to.phone, template, subject: null, body, secret: to.secret ?? null });
}

async function insertAndEnqueue(m: EntityManager, row: Partial<NotificationEntity>): Promise<string> {
  const { identifiers } = await m.insert(NotificationEntity, { ...row, status: 'QUEUED' });
  const notificationId = identifiers[0].id as string;
  const payload: SendJobData = { notificationId };
  await enqueue(m, { queue: 'users', name: SEND_JOB, payload });
  return notificationId;
}

/** An E.164 phone number such as +66812345678. */
export function isPhoneNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value);
}
