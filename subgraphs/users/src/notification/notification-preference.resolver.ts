import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Customer, SelfOrStaff } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import type { UsersContext } from '../context';
import { User } from '../user/user.type';
import { PRIVATE } from '../user/user.cache-hints';
import { UpdateNotificationPreferencesInput } from './notification-preference.inputs';
import { UpdateNotificationPreferencesPayload } from './notification-preference.payloads';
import { updateNotificationPreferences } from './notification-preference.service';
import { NotificationPreference } from './notification-preference.type';

@Resolver(() => User)
export class UserNotificationPreferencesResolver {
  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => [NotificationPreference], {
    description:
      'Which notifications the user receives, one entry per channel and kind (EMAIL: ORDERS, SHIPPING, MARKETING; SMS: ORDERS, SHIPPING). ' +
      'Receipts and account messages are always sent. Private: the owner and staff.',
  })
  notificationPreferences(@Root() user: User, @Ctx() ctx: UsersContext): Promise<NotificationPreference[]> {
    return ctx.loaders.notificationPreferencesByUser.load(user.id) as Promise<NotificationPreference[]>;
  }
}

@Resolver()
export class NotificationPreferenceResolver {
  @Customer()
  @Mutation(() => UpdateNotificationPreferencesPayload, {
    description:
      "Changes which notifications the caller receives; combinations not listed stay as they are. Applies to events from now on. Needs a signed-in user. " +
      'userErrors: INVALID (a combination that does not exist, e.g. SMS for MARKETING, or one given twice).',
  })
  async updateNotificationPreferences(
    @Arg('input', () => UpdateNotificationPreferencesInput, { description: 'The choices to change.' }) input: UpdateNotificationPreferencesInput,
    @Ctx() ctx: UsersContext,
  ): Promise<UpdateNotificationPreferencesPayload> {
    const { user, preferences, userErrors } = await updateNotificationPreferences(ctx, requireIdentity(ctx).userId, input.preferences);
    return Object.assign(new UpdateNotificationPreferencesPayload(), { user, notificationPreferences: preferences, userErrors });
  }
}
