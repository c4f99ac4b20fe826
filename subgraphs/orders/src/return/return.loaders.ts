import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader } from '../../../../platform/loaders';
import { ReturnLineEntity, ReturnRequestEntity } from './return.entity';

/** Each order's returns (oldest first) and each return's lines: one statement per batch. */
export function returnLoaders(db: RequestDb) {
  return {
    returnsByOrder: groupLoader(
      (orderIds: readonly string[]) => db.read((m) => m.find(ReturnRequestEntity, { where: { orderId: In([...orderIds]) }, order: { seq: 'ASC' } })),
      (r) => r.orderId,
    ),
    linesByReturn: groupLoader(
      (returnIds: readonly string[]) => db.read((m) => m.find(ReturnLineEntity, { where: { returnId: In([...returnIds]) }, order: { returnId: 'ASC', position: 'ASC' } })),
      (l) => l.returnId,
    ),
  };
}
