import { QueryFailedError } from 'typeorm';

/** The constraint a unique violation hit, or null when `error` is something else. */
export function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' ? (driverError.constraint ?? '') : null;
}

/** Rows of an UPDATE or DELETE … RETURNING: TypeORM answers those as [rows, rowCount] on PostgreSQL. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
