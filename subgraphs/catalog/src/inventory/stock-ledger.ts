import type { EntityManager } from 'typeorm';
import type { StockMovementType } from './inventory.entities';
import type { StockRow } from './allocation';
import { sql } from '../../../../platform/db/sql';

/** One change of one stock level, and the ledger row that records it. */
export interface StockChange {
  productId: string;
  warehouseId: string;
  /** Added to on_hand (negative removes). */
  onHand: number;
  /** Added to reserved (negative releases). */
  reserved: number;
  type: StockMovementType;
  /** The ledger's signed quantity: the change of on-hand, or of reserved for RESERVATION / RELEASE. */
  quantity: number;
  reason: string;
  referenceId: string | null;
  actorId: string | null;
}

/**
 * Locks the stock rows of these products, always in (product, warehouse) order so two
 * transactions never wait on each other in a cycle. Rows that do not exist are not created.
 */
export async function lockStock(m: EntityManager, productIds: string[]): Promise<StockRow[]> {
  return sql(
    m,
    `SELECT s.product_id::text AS "productId", s.warehouse_id::text AS "warehouseId", s.on_hand AS "onHand", s.reserved, w.priority
       FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id
      WHERE s.product_id = ANY($1::uuid[])
      ORDER BY s.product_id, s.warehouse_id
      FOR UPDATE OF s`,
    [productIds],
  );
}

/**
 * Applies the changes (creating a level row where a warehouse had none) and writes the ledger. The
 * table's CHECK constraints refuse anything that would leave on-hand or reserved negative or
 * reserved above on-hand: the whole transaction fails then. (The missing rows are created first and
 * updated after, because an INSERT … ON CONFLICT checks its constraints on the proposed row.)
 */
export async function applyStockChanges(m: EntityManager, changes: StockChange[]): Promise<void> {
  if (!changes.length) return;
  const col = <K extends keyof StockChange>(key: K) => changes.map((c) => c[key]);
  const keys = [col('productId'), col('warehouseId')];
  await sql(
    m,
    `INSERT INTO stock_levels (product_id, warehouse_id)
     SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[]) ORDER BY 1, 2
     ON CONFLICT (product_id, warehouse_id) DO NOTHING`,
    keys,
  );
  await sql(
    m,
    `UPDATE stock_levels s SET on_hand = s.on_hand + v.on_hand, reserved = s.reserved + v.reserved, updated_at = now()
       FROM (SELECT product_id, warehouse_id, sum(on_hand)::int AS on_hand, sum(reserved)::int AS reserved
               FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[]) AS v(product_id, warehouse_id, on_hand, reserved)
              GROUP BY product_id, warehouse_id) AS v
      WHERE s.product_id = v.product_id AND s.warehouse_id = v.warehouse_id`,
    [...keys, col('onHand'), col('reserved')],
  );
  await sql(
    m,
    `INSERT INTO stock_movements (product_id, warehouse_id, type, quantity, reason, reference_id, actor_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::uuid[])`,
    [...keys, col('type'), col('quantity'), col('reason'), col('referenceId'), col('actorId')],
  );
}

/** True when `error` is one of stock_levels' CHECK constraints refusing a change. */
export function isStockConstraint(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError;
  return driverError?.code === '23514' && !!driverError.constraint?.startsWith('stock_');
}
