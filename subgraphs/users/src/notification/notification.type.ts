import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';

export enum NotificationChannel {
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a notification reaches its recipient.',
  valuesConfig: {
    EMAIL: { description: "An e-mail to the account's address (or the order's address for guests)." },
    SMS: { description: 'A text message to a phone number.' },
  },
});

export enum NotificationStatus {
  QUEUED = 'QUEUED',
  SENT = 'SENT',
  FAILED = 'FAILED',
}
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Where a notification is in its delivery.',
  valuesConfig: {
    QUEUED: { description: 'Waiting to be sent, being sent, or waiting for a retry after a temporary failure.' },
    SENT: { description: 'Handed to the mail server or SMS provider (see sentAt).' },
    FAILED: { description: 'Could not be sent after every retry; it will not be tried again.' },
  },
});

@ObjectType({ description: 'A message the shop sent (or will send) to a customer: account mails, order and shipping updates.' })
export class Notification {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field(() => NotificationChannel, { description: 'E-mail or text message.' })
  channel!: NotificationChannel;

  @Field({
    description:
      'Which message it is: welcome, password-reset, email-verification, order-confirmed, order-cancelled, shipment-update, refund-issued, cart-abandoned (more may be added).',
  })
  template!: string;

  @Field({ description: 'Where it went: an e-mail address or an E.164 phone number such as "+66812345678".' })
  recipient!: string;

  @Field(() => String, { nullable: true, description: 'The e-mail subject line; null for text messages.' })
  subject!: string | null;

  @Field(() => NotificationStatus, { description: 'QUEUED, SENT or FAILED.' })
  status!: NotificationStatus;

  @Field(() => DateTimeScalar, { description: 'When the notification was created (ISO 8601).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was handed to the mail server or SMS provider; null until SENT.' })
  sentAt!: Date | null;
}

export const NotificationConnection = connectionType(
  'Notification',
  Notification,
  "A page of a user's notifications, newest first.",
);
