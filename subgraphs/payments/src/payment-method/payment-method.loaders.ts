import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader } from '../../../../platform/loaders';
import { PaymentMethodEntity } from './payment-method.entity';

export function paymentMethodLoaders(db: RequestDb) {
  return {
    /** Each user's saved cards: the default first, then newest first. */
    paymentMethodsByUser: groupLoader(
      (userIds: readonly string[]) =>
        db.read((m) =>
          m.find(PaymentMethodEntity, { where: { userId: In([...userIds]) }, order: { isDefault: 'DESC', createdAt: 'DESC', id: 'ASC' } }),
        ),
      (p) => p.userId,
    ),
  };
}
