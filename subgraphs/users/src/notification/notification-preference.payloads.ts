import { Directive, Field, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { User } from '../user/user.type';
import { PRIVATE } from '../user/user.cache-hints';
import { NotificationPreference } from './notification-preference.type';

@ObjectType({ description: "The customer's notification preferences after a change." })
export class UpdateNotificationPreferencesPayload {
  @Directive(PRIVATE)
  @Field(() => User, { nullable: true, description: 'The customer; null when userErrors is not empty.' })
  user!: User | null;

  @Directive(PRIVATE)
  @Field(() => [NotificationPreference], { nullable: true, description: 'Every combination as it now applies; null when userErrors is not empty.' })
  notificationPreferences!: NotificationPreference[] | null;

  @Field(() => [UserError], { description: 'Why it failed: INVALID (a combination that does not exist, or one given twice). Nothing changed then.' })
  userErrors!: UserError[];
}
