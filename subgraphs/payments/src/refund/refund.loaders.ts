import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader } from '../../../../platform/loaders';
import { RefundEntity } from './refund.entity';

export function refundLoaders(db: RequestDb) {
  return {
    /** Each payment's refunds, oldest first. */
    refundsByPayment: groupLoader(
      (paymentIds: readonly string[]) =>
        db.read((m) => m.find(RefundEntity, { where: { paymentId: In([...paymentIds]) }, order: { createdAt: 'ASC', id: 'ASC' } })),
      (r) => r.paymentId,
    ),
  };
}
