import type { EntityManager } from 'typeorm';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isIsoDate, isUuid } from '../../../../platform/validation';
import type { ShippingContext } from '../context';
import { tellOrderDelivered, tellOrderShipped } from '../order/order-moves';
import { SHIPPABLE_STATUSES } from '../order/order-ref';
import { OrderRefEntity } from '../order/order-ref.entity';
import { shipmentCreated, shipmentStatusChanged } from './shipment-events';
import type { ShipmentRow } from './shipment-row';
import { ShipmentEntity, ShipmentEventEntity } from './shipment.entities';
import { canMove, ShipmentStatus } from './shipment-status';
import { ShipmentError } from './shipment.errors';
import type { AddTrackingEventInput, CreateShipmentInput } from './shipment.inputs';
import { generateTrackingNumber, normalizeTrackingNumber, TRACKING_NUMBER } from './tracking-number';

type Result = { shipment: ShipmentRow | null; userErrors: UserError[] };
const failed = (code: ShipmentError, message: string, field: string | null): Result => ({ shipment: null, userErrors: [userError(code, message, field)] });
/** An event may be stamped a little ahead of this server's clock (another machine's clock). */
const CLOCK_SKEW_MS = 5 * 60_000;

const readShipment = (m: EntityManager, id: string, lock = false): Promise<ShipmentEntity | null> =>
  m.findOne(ShipmentEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });

function createProblems(input: CreateShipmentInput, carrier: string, trackingNumber: string | null): UserError[] {
  const problems: UserError[] = [];
  if (!isUuid(input.orderId)) problems.push(userError(ShipmentError.NOT_FOUND, 'No order has this id', 'input.orderId'));
  if (carrier.length < 1 || carrier.length > 50) problems.push(userError(ShipmentError.INVALID, 'Carrier must be 1 to 50 characters', 'input.carrier'));
  if (trackingNumber !== null && !TRACKING_NUMBER.test(trackingNumber)) problems.push(userError(ShipmentError.INVALID, 'A tracking number is 4 to 40 letters, digits or dashes', 'input.trackingNumber'));
  if (input.estimatedDelivery && !isIsoDate(input.estimatedDelivery)) problems.push(userError(ShipmentError.INVALID, 'A date written YYYY-MM-DD', 'input.estimatedDelivery'));
  return problems;
}

/**
 * A shipment for a CONFIRMED or PROCESSING order (as the orders' events told shipping), with its
 * first tracking event (LABEL_CREATED). The order's reference row is locked, so a cancellation
 * arriving at the same time either comes first (ORDER_NOT_SHIPPABLE) or after. Once committed,
 * orders is told (the order SHIPPED) before the answer; shipment.created backs that call up.
 */
export async function createShipment(ctx: ShippingContext, input: CreateShipmentInput, staffId: string | null): Promise<Result> {
  const carrier = input.carrier.trim().replace(/\s+/g, ' ');
  const given = input.trackingNumber ? normalizeTrackingNumber(input.trackingNumber) : null;
  const problems = createProblems(input, carrier, given);
  if (problems.length) return { shipment: null, userErrors: problems };
  const orderId = input.orderId.toLowerCase();
  for (let attempt = 1; ; attempt++) {
    const trackingNumber = given ?? generateTrackingNumber(carrier);
    try {
      const result = await ctx.db.write(async (m): Promise<Result> => {
        const order = await m.findOne(OrderRefEntity, { where: { orderId }, select: { orderId: true, status: true }, lock: { mode: 'pessimistic_write' } });
        if (!order) return failed(ShipmentError.NOT_FOUND, 'No order has this id (or it is not confirmed yet)', 'input.orderId');
        if (!SHIPPABLE_STATUSES.includes(order.status)) return failed(ShipmentError.ORDER_NOT_SHIPPABLE, `The order is ${order.status}: only CONFIRMED or PROCESSING orders ship`, 'input.orderId');
        const { identifiers } = await m.insert(ShipmentEntity, {
          orderId,
          carrier,
          trackingNumber,
          status: ShipmentStatus.LABEL_CREATED,
          estimatedDelivery: input.estimatedDelivery ?? null,
          createdBy: staffId,
        });
        const id = identifiers[0].id as string;
        await m.insert(ShipmentEventEntity, { shipmentId: id, status: ShipmentStatus.LABEL_CREATED, description: 'Shipping label created', occurredAt: () => 'now()' });
        const shipment = (await readShipment(m, id))!;
        await shipmentCreated(m, shipment);
        return { shipment, userErrors: [] };
      });
      if (result.shipment) await tellOrderShipped(ctx, result.shipment);
      return result;
    } catch (error) {
      if (uniqueViolation(error) !== 'shipments_tracking_unique') throw error;
      if (given) return failed(ShipmentError.TRACKING_NUMBER_TAKEN, `${carrier} already has a shipment with this tracking number`, 'input.trackingNumber');
      if (attempt >= 5) throw error;
    }
  }
}

/**
 * Appends a tracking event. Events come in time order (not before the latest one), and the
 * shipment's status follows the latest event when ShipmentStatus allows the move. The first
 * DELIVERED event delivers the shipment and publishes `shipment.delivered`, once; orders is told
 * (the order DELIVERED) before the answer.
 */
export async function addTrackingEvent(ctx: ShippingContext, input: AddTrackingEventInput): Promise<Result> {
  if (!isUuid(input.shipmentId)) return failed(ShipmentError.NOT_FOUND, 'No shipment has this id', 'input.shipmentId');
  const location = input.location?.trim() || null;
  const description = input.description?.trim() || null;
  if (location && location.length > 200) return failed(ShipmentError.INVALID, 'Location must be at most 200 characters', 'input.location');
  if (description && description.length > 500) return failed(ShipmentError.INVALID, 'Description must be at most 500 characters', 'input.description');
  const occurredAt = input.occurredAt ?? new Date();
  if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) return failed(ShipmentError.INVALID, 'An event cannot happen in the future', 'input.occurredAt');
  const result = await ctx.db.write(async (m): Promise<Result> => {
    const current = await readShipment(m, input.shipmentId.toLowerCase(), true);
    if (!current) return failed(ShipmentError.NOT_FOUND, 'No shipment has this id', 'input.shipmentId');
    if (!canMove(current.status, input.status)) {
      return failed(ShipmentError.INVALID_STATUS_TRANSITION, `A ${current.status} shipment cannot move to ${input.status}`, 'input.status');
    }
    const latest = await m.findOne(ShipmentEventEntity, { where: { shipmentId: current.id }, select: { id: true, occurredAt: true }, order: { occurredAt: 'DESC', id: 'DESC' } });
    if (latest && occurredAt.getTime() < latest.occurredAt.getTime()) {
      return failed(ShipmentError.EVENT_OUT_OF_ORDER, `The shipment's latest event happened at ${latest.occurredAt.toISOString()}; events are added in time order`, 'input.occurredAt');
    }
    await m.insert(ShipmentEventEntity, { shipmentId: current.id, status: input.status, location, description, occurredAt });
    const delivering = input.status === ShipmentStatus.DELIVERED && !current.deliveredAt;
    // updated_at is set by TypeORM (UpdateDateColumn)
    await m.update(ShipmentEntity, { id: current.id }, { status: input.status, ...(delivering ? { deliveredAt: occurredAt } : {}) });
    const shipment = (await readShipment(m, current.id))!;
    if (shipment.status !== current.status) await shipmentStatusChanged(m, shipment, current.status, occurredAt);
    return { shipment, userErrors: [] };
  });
  if (result.shipment?.status === ShipmentStatus.DELIVERED && input.status === ShipmentStatus.DELIVERED) await tellOrderDelivered(ctx, result.shipment);
  return result;
}
