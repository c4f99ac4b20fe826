/** The order statuses shipping learns from the orders' events, and which of them may ship. */
export const ORDER_CONFIRMED = 'CONFIRMED';
export const ORDER_CANCELLED = 'CANCELLED';
export const SHIPPABLE_STATUSES: readonly string[] = ['CONFIRMED', 'PROCESSING'];
