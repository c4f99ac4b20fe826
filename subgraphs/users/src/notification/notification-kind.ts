import { registerEnumType } from 'type-graphql';

/**
 * What a notification is about, for the customer's preferences. Account and receipt messages
 * (welcome, e-mail verification, password reset, order receipt, refund receipt) have no kind:
 * they are transactional and always sent (see notification-preferences.ts).
 */
export enum NotificationKind {
  ORDERS = 'ORDERS',
  SHIPPING = 'SHIPPING',
  MARKETING = 'MARKETING',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description:
    'What a notification is about, for notificationPreferences. Receipts and account messages (order receipt, refund receipt, return updates, ' +
    'welcome, e-mail verification, password reset) are transactional: always sent, whatever the preferences.',
  valuesConfig: {
    ORDERS: { description: 'Order updates besides the receipt: the confirmation by text message, a cancellation notice.' },
    SHIPPING: { description: 'Shipment updates: label created, in transit, out for delivery, delivered.' },
    MARKETING: { description: 'Reminders and offers, e.g. about a cart left with items in it.' },
  },
});
