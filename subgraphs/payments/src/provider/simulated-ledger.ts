import type { DataSource } from 'typeorm';
import { sql, sqlOne } from '../../../../platform/db/sql';
import type { ProviderResult } from './payment-provider';
import type { LedgerEntry, LedgerOperation, SimulatedLedger } from './simulated-provider';

interface LedgerRow {
  idempotency_key: string;
  operation: LedgerOperation;
  reference: string;
  target_reference: string | null;
  request: Record<string, unknown>;
  result: ProviderResult;
}

const COLUMNS = 'idempotency_key, operation, reference, target_reference, request, result';

const toEntry = (row: LedgerRow): LedgerEntry => ({
  idempotencyKey: row.idempotency_key,
  operation: row.operation,
  reference: row.reference,
  targetReference: row.target_reference,
  request: row.request,
  result: row.result,
});

/**
 * The simulated gateway's ledger in the table simulated_provider_operations: the gateway's side of
 * the story, which payments' own tables never touch (payments reads it only through `lookup`).
 */
export function tableLedger(dataSource: DataSource): SimulatedLedger {
  const m = dataSource.manager;
  const find = async (key: string) => {
    const row = await sqlOne<LedgerRow>(m, `SELECT ${COLUMNS} FROM simulated_provider_operations WHERE idempotency_key = $1`, [key]);
    return row ? toEntry(row) : null;
  };
  return {
    find,
    async recordOnce(entry) {
      await sql(
        m,
        `INSERT INTO simulated_provider_operations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING`,
        [entry.idempotencyKey, entry.operation, entry.reference, entry.targetReference, JSON.stringify(entry.request), JSON.stringify(entry.result)],
      );
      return (await find(entry.idempotencyKey))!;
    },
    async findByReference(reference) {
      const row = await sqlOne<LedgerRow>(m, `SELECT ${COLUMNS} FROM simulated_provider_operations WHERE reference = $1`, [reference]);
      return row ? toEntry(row) : null;
    },
    async targeting(reference) {
      const rows = await sql<LedgerRow>(m, `SELECT ${COLUMNS} FROM simulated_provider_operations WHERE target_reference = $1 ORDER BY created_at`, [reference]);
      return rows.map(toEntry);
    },
  };
}
