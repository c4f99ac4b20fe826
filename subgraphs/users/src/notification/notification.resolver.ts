import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { SelfOrStaff } from '../../../../platform/graphql/authorization';
import { pageSize, toConnection, type Connection } from '../../../../platform/graphql/connection';
import { seqAfter } from '../../../../platform/paged-loader';
import type { UsersContext } from '../context';
import { User } from '../user/user.type';
import type { NotificationRow } from './notification.loaders';
import { Notification, NotificationConnection, NotificationStatus, type NotificationChannel } from './notification.type';
import { PRIVATE } from '../user/user.cache-hints';

function toNotification(row: NotificationRow): Notification {
  return Object.assign(new Notification(), {
    id: row.id,
    channel: row.channel as NotificationChannel,
    template: row.template,
    recipient: row.recipient,
    subject: row.subject,
    // a message being sent right now is still QUEUED to the reader (SKIPPED ones are not listed)
    status: row.status === 'SENDING' ? NotificationStatus.QUEUED : (row.status as NotificationStatus),
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  });
}

@Resolver(() => User)
export class UserNotificationsResolver {
  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => NotificationConnection, {
    description:
      'The messages sent to this user (account mails, order and shipping updates), newest first. Messages that the notificationPreferences turned off are not listed. Private: the owner and staff.',
  })
  async notifications(
    @Root() user: User,
    @Ctx() ctx: UsersContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'Page size, 0..100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a previous pageInfo.endCursor).' }) after?: string | null,
  ): Promise<Connection<Notification>> {
    const limit = pageSize(first, 20, 100);
    const beforeSeq = seqAfter(after);
    const [rows, total] = await Promise.all([
      ctx.loaders.notificationPage.load({ userId: user.id, limit: limit + 1, beforeSeq }),
      ctx.loaders.notificationCountByUser.load(user.id),
    ]);
    return toConnection(rows, limit, total, (r) => [r.seq], toNotification);
  }
}
