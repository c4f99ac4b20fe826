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
}

export type EventName = keyof EventPayloads;

export type QueueName = 'users' | 'catalog' | 'cart' | 'orders' | 'payments' | 'shipping';

/** Which queues receive each event. */
export const EVENT_SUBSCRIBERS: Record<EventName, QueueName[]> = {
  'user.registered': [],
  'customer.signed-in': [],
  'order.confirmed': [],
  'catalog.changed': [],
};
