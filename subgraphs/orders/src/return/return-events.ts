import type { EntityManager } from 'typeorm';
import { publish } from '../../../../platform/queue/outbox';
import { centsToDecimal } from '../common/money';
import type { OrderEntity } from '../order/order.entity';
import type { ReturnRequestEntity } from './return.entity';
import { ReturnStatus } from './return-status';

/** `return.updated` for the return's new status, in the transaction that moved it (users mails the customer). */
export function publishReturnUpdated(m: EntityManager, r: ReturnRequestEntity, order: Pick<OrderEntity, 'userId' | 'email'>, status: ReturnStatus): Promise<void> {
  const refunded = status === ReturnStatus.RECEIVED || status === ReturnStatus.REFUNDED;
  return publish(m, 'return.updated', {
    returnId: r.id,
    orderId: r.orderId,
    userId: order.userId,
    email: order.email,
    status,
    refundAmount: refunded && r.refundCents !== null ? centsToDecimal(r.refundCents) : null,
    currencyCode: r.currencyCode,
  });
}
