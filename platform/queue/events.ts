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
  /** An order was confirmed (paid): its lines, for best sellers and verified purchases. */
  'order.confirmed': { orderId: string; userId: string | null; email: string; lines: { productId: string; quantity: number }[] };
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
  /** Money went back to the customer's card. `amount` is a decimal string such as "19.99". */
  'refund.issued': { refundId: string; orderId: string; userId: string | null; email: string; amount: string; currencyCode: string };
  /** A customer's cart with items was left idle and marked ABANDONED: a reminder is due. */
  'cart.abandoned': { cartId: string; userId: string; itemCount: number };
}

export type EventName = keyof EventPayloads;

/** Every registered subgraph has a queue of its name; the others are the subgraphs to come. */
export type QueueName = SubgraphName | 'cart' | 'orders' | 'payments' | 'shipping';

/** Which queues receive each event. */
export const EVENT_SUBSCRIBERS: Record<EventName, QueueName[]> = {
  'user.registered': ['users'],
  'customer.signed-in': ['cart'],
  'order.confirmed': ['users', 'catalog'],
  'catalog.changed': [],
  'shipment.updated': ['users'],
  'refund.issued': ['users'],
  'cart.abandoned': ['users'],
};
