import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { PaymentError } from './payment.errors';
import { PaymentEntity } from './payment.entity';

/** Which payment an operation names: by its id, or the latest payment of an order. */
export interface PaymentRef {
  paymentId?: string | null;
  orderId?: string | null;
}

/** The problem with a reference, or null: exactly one of paymentId and orderId, a UUID. */
export function refProblem(ref: PaymentRef): UserError | null {
  if (!!ref.paymentId === !!ref.orderId) return userError(PaymentError.INVALID, 'Give either paymentId or orderId');
  return null;
}

/** An idempotency key: 1 to 200 characters. */
export function keyProblem(key: string, field = 'idempotencyKey'): UserError | null {
  return key.length < 1 || key.length > 200 ? userError(PaymentError.INVALID, 'An idempotency key has 1 to 200 characters', field) : null;
}

export const paymentNotFound = (field: string | null = null) => userError(PaymentError.NOT_FOUND, 'There is no payment with this id or for this order', field);

/** The payment `ref` names, locked FOR UPDATE when `lock` (inside a transaction): refunds, captures and voids of one payment take turns. */
export async function findPayment(m: EntityManager, ref: PaymentRef, lock = false): Promise<PaymentEntity | null> {
  const byId = !!ref.paymentId;
  const id = byId ? ref.paymentId! : ref.orderId!;
  if (!isUuid(id)) return null;
  return m.findOne(PaymentEntity, {
    where: byId ? { id } : { orderId: id },
    order: { createdAt: 'DESC', id: 'DESC' },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}
