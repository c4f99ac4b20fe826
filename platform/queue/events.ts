import type { SubgraphName } from '../../subgraphs/registry';

/**
 * The events services publish to each other, their payloads, and which subgraphs' queues
 * receive them. A subgraph publishes through its outbox; the relay copies each event into
 * the queue of every subscriber. Add a subscriber here when a subgraph starts consuming an event.
 */
export interface EventPayloads {
  /** A customer account was created. */
  'user.registered': { userId: string; email: string; name: string };
  /** A customer signed in; a guest cart to merge may come with it. */
  'customer.signed-in': { userId: string; guestCartId: string | null };
  /**
   * An order was confirmed (paid): its lines, for best sellers and verified purchases; `phone` (E.164) when the
   * customer gave one. `orderNumber` is the number customers see (e.g. ORD-2026-000123); orders always sends it
   * (optional only for events published before it was added: readers fall back to the id).
   */
  'order.confirmed': {
    orderId: string;
    orderNumber?: string;
    userId: string | null;
    email: string;
    lines: { productId: string; quantity: number }[];
    phone?: string | null;
  };
  /** An order was cancelled before it shipped: it can no longer be shipped (users mails the customer). `orderNumber` as above. */
  'order.cancelled': { orderId: string; orderNumber?: string; userId: string | null; email: string; reason: string | null };
  /** Catalog data that readers may have cached changed. */
  'catalog.changed': { productIds: string[]; categories: boolean };
  /**
   * A shipment changed status (label created, in transit, delivered…). `phone` (E.164, e.g.
   * "+66812345678") when the customer gave one: the update is also sent as a text message.
   */
  'shipment.updated': {
    shipmentId: string;
    orderId: string;
    userId: string | null;
    email: string;
    phone: string | null;
    status: string;
    carrier: string;
    trackingNumber: string | null;
    /** YYYY-MM-DD, when known. */
    estimatedDelivery: string | null;
  };
  /** A shipment was created for an order (its first status is LABEL_CREATED). */
  'shipment.created': ShipmentEventBase;
  /** A tracking event moved a shipment to another status; `previousStatus` is where it came from. */
  'shipment.status-changed': ShipmentEventBase & { previousStatus: string; occurredAt: string };
  /** A shipment was delivered (once per shipment). `deliveredAt` is ISO-8601. */
  'shipment.delivered': ShipmentEventBase & { deliveredAt: string };
  /** Money went back to the customer's card. `amount` is a decimal string such as "19.99". */
  'refund.issued': { refundId: string; orderId: string; userId: string | null; email: string; amount: string; currencyCode: string };
  /**
   * A return request of an order changed status (REQUESTED, APPROVED, REJECTED, RECEIVED, REFUNDED).
   * `refundAmount` (a decimal string) once RECEIVED: what the return refunded.
   */
  'return.updated': { returnId: string; orderId: string; userId: string | null; email: string; status: string; refundAmount: string | null; currencyCode: string };
  /** A customer's cart with items was left idle and marked ABANDONED: a reminder is due. */
  'cart.abandoned': { cartId: string; userId: string; itemCount: number };
}

/** What every shipment event tells: no customer data (that goes in `shipment.updated`). */
export interface ShipmentEventBase {
  shipmentId: string;
  orderId: string;
  carrier: string;
  trackingNumber: string;
  status: string;
  /** YYYY-MM-DD, when known. */
  estimatedDelivery: string | null;
}

export type EventName = keyof EventPayloads;

/** Every registered subgraph has a queue of its name; the others are the subgraphs to come. */
export type QueueName = SubgraphName | 'cart' | 'orders' | 'payments' | 'shipping';

/** Which queues receive each event. */
export const EVENT_SUBSCRIBERS: Record<EventName, QueueName[]> = {
  'user.registered': ['users'],
  'customer.signed-in': ['cart'],
  'order.confirmed': ['users', 'catalog', 'shipping'],
  'order.cancelled': ['users', 'shipping'],
  'catalog.changed': [],
  'shipment.updated': ['users'],
  'shipment.created': ['orders'],
  'shipment.status-changed': [],
  'shipment.delivered': ['orders'],
  'refund.issued': ['users'],
  'return.updated': ['users'],
  'cart.abandoned': ['users'],
};
