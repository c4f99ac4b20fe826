import type { EntityManager } from 'typeorm';
import { enqueue } from '../../../../platform/queue/outbox';
import { NotificationEntity, type NotificationChannelValue } from './notification.entity';
import { choicesOf } from './notification-preference.service';
import { deliveryFor, messageKind, TRANSACTIONAL } from './notification-preferences';
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
 * only if the change that caused it commits. When the recipient's preferences turn this kind of
 * message off (notification-preferences.ts), it is recorded as SKIPPED with the reason and not
 * queued. Returns the notification's id.
 */
export async function queueEmail<T extends TemplateName>(
  m: EntityManager,
  to: Common & { email: string },
  template: T,
  data: TemplateData[T],
): Promise<string> {
  const { subject, body } = renderEmail(template, data);
  return record(m, { userId: to.userId, channel: 'EMAIL', recipient: to.email, template, subject, body, secret: to.secret ?? null });
}

/** Records a text message and queues its sending (or records it SKIPPED, as queueEmail); null when the template has no text form. */
export async function queueSms<T extends TemplateName>(
  m: EntityManager,
  to: Common & { phone: string },
  template: T,
  data: TemplateData[T],
): Promise<string | null> {
  const body = renderSms(template, data);
  if (!body) return null;
  return record(m, { userId: to.userId, channel: 'SMS', recipient: to.phone, template, subject: null, body, secret: to.secret ?? null });
}

/** The recipient's preferences decide (read in `m`'s transaction; a transactional message reads none). */
async function record(m: EntityManager, row: Partial<NotificationEntity> & { channel: NotificationChannelValue; template: TemplateName; userId: string | null }): Promise<string> {
  const needsChoices = messageKind(row.channel, row.template) !== TRANSACTIONAL && row.userId !== null;
  const delivery = deliveryFor(row.channel, row.template, needsChoices ? await choicesOf(m, row.userId!) : []);
  if (!delivery.send) {
    const { identifiers } = await m.insert(NotificationEntity, { ...row, secret: null, status: 'SKIPPED', skipReason: delivery.reason });
    return identifiers[0].id as string;
  }
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
