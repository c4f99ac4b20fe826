import type { EntityManager } from 'typeorm';

/**
 * How domain code reaches its database (the rule every subgraph follows):
 *
 * 1. Ordinary reads and writes go through TypeORM entities and the EntityManager a RequestDb hands
 *    out: `m.findOneBy(ProductEntity, { id })`, `m.existsBy`, `m.insert`, `m.update`, `m.delete`,
 *    or `m.createQueryBuilder(...)` for a filtered, ordered page of one entity.
 * 2. Hand-written SQL only for what TypeORM cannot say well, and only through `sql` / `sqlOne` below:
 *    batch statements over `unnest($1::uuid[])` (one statement per loader batch), LATERAL pages,
 *    CTEs, full-text ranking, `FOR UPDATE SKIP LOCKED` claims, advisory locks, `ON CONFLICT`,
 *    `UPDATE … RETURNING`, generated columns and read models assembled from several tables.
 *    The row type of such a statement is declared beside the feature (`product-row.ts`,
 *    `notification-row.ts`…), with the select list that produces it.
 * 3. Never `m.query` directly: `sql` gives rows of the declared type whatever the statement is
 *    (TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with `[rows, count]`).
 */
export async function sql<R>(m: Pick<EntityManager, 'query'>, text: string, params: readonly unknown[] = []): Promise<R[]> {
  const result: unknown = await m.query(text, params as unknown[]);
  // rows are objects, never arrays: `[array, number]` is the driver's [rows, affectedCount]
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as R[];
  }
  return result as R[];
}

/** The first row of a hand-written statement, or undefined. */
export async function sqlOne<R>(m: Pick<EntityManager, 'query'>, text: string, params: readonly unknown[] = []): Promise<R | undefined> {
  const [row] = await sql<R>(m, text, params);
  return row;
}
