import { Field, ObjectType } from 'type-graphql';
import { NotificationKind } from './notification-kind';
import { NotificationChannel } from './notification.type';

@ObjectType({
  description:
    'Whether the customer receives one kind of notification by one channel. Defaults until the customer chooses: ' +
    'EMAIL for ORDERS and SHIPPING on, EMAIL for MARKETING off, SMS off (a text message needs an opt-in). Receipts and account messages are always sent.',
})
export class NotificationPreference {
  @Field(() => NotificationChannel, { description: 'E-mail or text message.' })
  channel!: NotificationChannel;

  @Field(() => NotificationKind, { description: 'What the notifications are about.' })
  kind!: NotificationKind;

  @Field({ description: 'True when these notifications are sent.' })
  enabled!: boolean;

  @Field({ description: "True while the customer has not chosen: `enabled` is the shop's default (which may change)." })
  isDefault!: boolean;
}
