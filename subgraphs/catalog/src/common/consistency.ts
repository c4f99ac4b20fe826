import type { EntityManager } from 'typeorm';
import { sql } from '../../../../platform/db/sql';

/**
 * Catalog changes are read by everyone, not only by their author: a new price or stock level must
 * be visible to every reader as soon as the mutation returns. Such writes are `visibleToAll`
 * (RequestDb.write): their position becomes the catalog's global position, which every reader's
 * request carries, and the commit waits, briefly, for a synchronous replica to apply it.
 */
export const VISIBLE_TO_ALL = { visibleToAll: true } as const;

/** The synchronous-replica wait alone, inside a transaction made without RequestDb (the seed). */
export async function commitVisibleToAll(m: EntityManager): Promise<void> {
  await sql(m, 'SET LOCAL synchronous_commit = remote_apply');
}
