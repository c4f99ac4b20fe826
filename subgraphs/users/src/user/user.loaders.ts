import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { rowLoader } from '../../../../platform/loaders';
import { UserEntity } from './user.entity';

export function userLoaders(db: RequestDb) {
  return {
    userById: rowLoader(
      (ids: readonly string[]) => db.read((m) => m.findBy(UserEntity, { id: In([...ids]) })),
      (u) => u.id,
    ),
  };
}
