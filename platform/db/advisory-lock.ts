import type { EntityManager } from 'typeorm';
import { sql } from './sql';

/**
 * Serialises transactions that touch the same `key` (e.g. one account's address book) until the
 * transaction ends; for rules no row lock can express (a count limit, a single default).
 */
export async function lockKey(m: EntityManager, key: string): Promise<void> {
  await sql(m, 'SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
}
