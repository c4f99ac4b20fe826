import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { OrderError } from './order.errors';
import { OrderEntity } from './order.entity';
import { recordStatus } from './order-state';
import { DELIVERED_FROM, OrderStatus, SHIPPED_FROM } from './order-status';

/** The order statuses a shipment moves an order to, and the statuses each may come from. */
export const SHIPMENT_MOVES = {
  [OrderStatus.SHIPPED]: SHIPPED_FROM,
  [OrderStatus.DELIVERED]: DELIVERED_FROM,
} as const;
export type ShipmentMove = keyof typeof SHIPMENT_MOVES;

export const shippedNote = (carrier: string, trackingNumber: string | null | undefined) => `Shipped with ${carrier}${trackingNumber ? ` (${trackingNumber})` : ''}`;
export const deliveredNote = (carrier: string) => `Delivered by ${carrier}`;

/**
 * Moves the order to `to` when it is in one of the statuses that move may come from, under the
 * order's row lock; a late or repeated move (shipping's call and its event both arrive) changes
 * nothing. The order's status after it, or null when there is no such order.
 */
export async function followShipment(m: EntityManager, orderId: string, to: ShipmentMove, note: string): Promise<OrderStatus | null> {
  const order = await m.findOne(OrderEntity, { where: { id: orderId.toLowerCase() }, lock: { mode: 'pessimistic_write' } });
  if (!order) return null;
  if (!SHIPMENT_MOVES[to].includes(order.status)) return order.status;
  await recordStatus(m, order.id, to, note);
  return to;
}

export interface ShipmentMoveResult {
  status: OrderStatus | null;
  userErrors: UserError[];
}

/** Shipping's call when a shipment is created or delivered: the order follows at once (the event that also comes changes nothing then). */
export async function markShipment(ctx: OrdersContext, orderId: string, to: ShipmentMove, note: string): Promise<ShipmentMoveResult> {
  const status = isUuid(orderId) ? await ctx.db.write((m) => followShipment(m, orderId, to, note)) : null;
  return status ? { status, userErrors: [] } : { status: null, userErrors: [userError(OrderError.NOT_FOUND, 'No order has this id', 'orderId')] };
}
