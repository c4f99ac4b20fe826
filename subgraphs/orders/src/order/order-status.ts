import { registerEnumType } from 'type-graphql';

export enum OrderStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  PROCESSING = 'PROCESSING',
  SHIPPED = 'SHIPPED',
  DELIVERED = 'DELIVERED',
  CANCELLED = 'CANCELLED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order is in its life.',
  valuesConfig: {
    PENDING: { description: 'Being checked out: stock held, payment not yet taken.' },
    CONFIRMED: { description: 'Paid; waiting to ship.' },
    PROCESSING: { description: 'Being packed.' },
    SHIPPED: { description: 'A shipment left with the carrier.' },
    DELIVERED: { description: 'Delivered to the customer.' },
    CANCELLED: { description: 'Cancelled before it shipped (or its checkout failed); any payment was voided or refunded.' },
    REFUNDED: { description: 'Paid back in full after delivery.' },
  },
});

/** Paid and not shipped yet: the order may be cancelled (a PENDING one is its checkout's to finish or undo). */
export const CANCELLABLE: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.PROCESSING];

/** The moves shipping's events may make, from the statuses they may come from. */
export const SHIPPED_FROM: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.PROCESSING];
export const DELIVERED_FROM: readonly OrderStatus[] = [OrderStatus.CONFIRMED, OrderStatus.PROCESSING, OrderStatus.SHIPPED];
