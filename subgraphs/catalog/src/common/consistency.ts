import type { EntityManager } from 'typeorm';
import { sql } from '../../../../platform/db/sql';

/**
 * Catalog changes are read by everyone, not only by their author: a new price or stock level must
 * be visible to every reader as soon as the mutation returns. Such writes commit only once the
 * synchronous replica has applied them (RequestDb.write's `visibleToAll`).
 */
export const VISIBLE_TO_ALL = { visibleToAll: true } as const;

/** The same for writes made outside a request (the worker's jobs), inside their transaction. */
export async function commitVisibleToAll(m: EntityManager): Promise<void> {
  await sql(m, 'SET LOCAL synchronous_commit = remote_apply');
}
