import type { EntityManager } from 'typeorm';
import { applyOncePerJob } from '../../../../platform/queue/consumer';
import type { EventsOf, HandlerMap } from '../../../../platform/queue/job-handlers';
import { accountLink } from '../account/account-links';
import { issueAccountToken } from '../account/account-token.service';
import type { UsersContext } from '../context';
import { UserEntity } from '../user/user.entity';
import { isPhoneNumber, queueEmail, queueSms } from './notification.service';
import { orderLabel } from './notification.templates';

/** The consumer name under which processed events are remembered. */
export const NOTIFICATION_CONSUMER = 'users.notifications';

/** The events that become messages. */
export type NotificationEvents = EventsOf<'user.registered' | 'order.confirmed' | 'order.cancelled' | 'shipment.updated' | 'refund.issued' | 'cart.abandoned' | 'return.updated'>;

/** The return statuses the customer is told of. */
const MAILED_RETURN_STATUSES = ['APPROVED', 'REJECTED', 'REFUNDED'];

/** The account an event names, if it (still) exists here. */
async function accountOf(m: EntityManager, userId: string | null): Promise<UserEntity | null> {
  return userId ? m.findOneBy(UserEntity, { id: userId }) : null;
}

/**
 * Events that become messages. Each runs once per event (applyOnce records the job id in the same
 * transaction as the notification rows and their send jobs), however often BullMQ delivers it.
 * queueEmail/queueSms apply the recipient's preferences (notification-preferences.ts): a message
 * they turn off is recorded as SKIPPED; receipts and account mails are always sent.
 */
export function notificationEventHandlers(storefrontUrl: string): HandlerMap<UsersContext, NotificationEvents> {
  const once = (ctx: UsersContext, effect: (m: EntityManager) => Promise<void>) =>
    applyOncePerJob(ctx, NOTIFICATION_CONSUMER, effect).then(() => undefined);

  return {
    /** The welcome mail; it carries an e-mail verification link while the address is unconfirmed. */
    'user.registered': (ctx, event) =>
      once(ctx, async (m) => {
        const user = await accountOf(m, event.userId);
        if (!user) return;
        const token = user.emailVerifiedAt ? null : await issueAccountToken(m, user, 'EMAIL_VERIFICATION');
        await queueEmail(m, { userId: user.id, email: user.email, secret: token ?? undefined }, 'welcome', {
          name: user.name,
          verifyUrl: token ? accountLink(storefrontUrl, 'verify-email') : null,
        });
      }),

    /** The receipt by e-mail (always), and by text message when the customer gave a phone and opted in to SMS for orders. */
    'order.confirmed': (ctx, event) =>
      once(ctx, async (m) => {
        const user = await accountOf(m, event.userId);
        const userId = user?.id ?? null;
        const data = {
          name: user?.name ?? null,
          orderNumber: orderLabel(event.orderId, event.orderNumber),
          itemCount: event.lines.reduce((sum, l) => sum + l.quantity, 0),
        };
        await queueEmail(m, { userId, email: event.email }, 'order-confirmed', data);
        if (isPhoneNumber(event.phone)) await queueSms(m, { userId, phone: event.phone }, 'order-confirmed', data);
      }),

    'order.cancelled': (ctx, event) =>
      once(ctx, async (m) => {
        const user = await accountOf(m, event.userId);
        await queueEmail(m, { userId: user?.id ?? null, email: event.email }, 'order-cancelled', {
          name: user?.name ?? null,
          orderNumber: orderLabel(event.orderId, event.orderNumber),
        });
      }),

    'shipment.updated': (ctx, event) =>
      once(ctx, async (m) => {
        const e = event;
        const user = await accountOf(m, e.userId);
        const data = {
          name: user?.name ?? null,
          orderId: e.orderId,
          status: e.status,
          carrier: e.carrier,
          trackingNumber: e.trackingNumber,
          estimatedDelivery: e.estimatedDelivery,
        };
        await queueEmail(m, { userId: user?.id ?? null, email: e.email }, 'shipment-update', data);
        if (isPhoneNumber(e.phone)) await queueSms(m, { userId: user?.id ?? null, phone: e.phone }, 'shipment-update', data);
      }),

    /** A reminder for a customer whose cart was left idle (guests have no address to write to). */
    'cart.abandoned': (ctx, event) =>
      once(ctx, async (m) => {
        const user = await accountOf(m, event.userId);
        if (!user) return;
        await queueEmail(m, { userId: user.id, email: user.email }, 'cart-abandoned', {
          name: user.name,
          itemCount: event.itemCount,
          cartUrl: `${storefrontUrl.replace(/\/$/, '')}/cart`,
        });
      }),

    'refund.issued': (ctx, event) =>
      once(ctx, async (m) => {
        const e = event;
        const user = await accountOf(m, e.userId);
        await queueEmail(m, { userId: user?.id ?? null, email: e.email }, 'refund-issued', {
          name: user?.name ?? null,
          orderId: e.orderId,
          amount: e.amount,
          currencyCode: e.currencyCode,
        });
      }),

    /** A return approved, rejected or refunded (its other moves are not mailed). */
    'return.updated': (ctx, event) =>
      once(ctx, async (m) => {
        const e = event;
        if (!MAILED_RETURN_STATUSES.includes(e.status)) return;
        const user = await accountOf(m, e.userId);
        await queueEmail(m, { userId: user?.id ?? null, email: e.email }, 'return-update', {
          name: user?.name ?? null,
          orderId: e.orderId,
          status: e.status,
          refundAmount: e.refundAmount,
          currencyCode: e.currencyCode,
        });
      }),
  };
}
