import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, rowLoader } from '../../../../platform/loaders';
import { RefundEntity } from './refund.entity';

export function refundLoaders(db: RequestDb) {
  return {
    /** Refunds by id (Refund references, e.g. a return's refund in orders). */
    refundById: rowLoader((ids: readonly string[]) => db.read((m) => m.findBy(RefundEntity, { id: In([...ids]) })), (r) => r.id),
    /** Each payment's refunds, oldest first. */
    refundsByPayment: groupLoader(
      (paymentIds: readonly string[]) =>
        db.read((m) => m.find(RefundEntity, { where: { paymentId: In([...paymentIds]) }, order: { createdAt: 'ASC', id: 'ASC' } })),
      (r) => r.paymentId,
    ),
  };
}
