import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader } from '../../../../platform/loaders';
import { AddressEntity } from './address.entity';

export function addressLoaders(db: RequestDb) {
  return {
    addressesByUser: groupLoader(
      (userIds: readonly string[]) =>
        db.read((m) => m.find(AddressEntity, { where: { userId: In([...userIds]) }, order: { isDefault: 'DESC', createdAt: 'ASC' } })),
      (a) => a.userId,
    ),
  };
}
