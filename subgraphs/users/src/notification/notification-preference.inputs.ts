import { Field, InputType } from 'type-graphql';
import { NotificationKind } from './notification-kind';
import { NotificationChannel } from './notification.type';

@InputType({ description: 'One choice: a channel for a kind of notification, on or off.' })
export class NotificationPreferenceInput {
  @Field(() => NotificationChannel, { description: 'EMAIL or SMS.' })
  channel!: NotificationChannel;

  @Field(() => NotificationKind, { description: 'ORDERS, SHIPPING or MARKETING (MARKETING by SMS does not exist: INVALID).' })
  kind!: NotificationKind;

  @Field({ description: 'True to receive these notifications, false to stop them.' })
  enabled!: boolean;
}

@InputType({ description: 'The choices to change; combinations not listed stay as they are.' })
export class UpdateNotificationPreferencesInput {
  @Field(() => [NotificationPreferenceInput], { description: 'At most one entry per channel and kind.' })
  preferences!: NotificationPreferenceInput[];
}
