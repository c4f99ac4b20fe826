import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader, valueLoader } from '../../../../platform/loaders';
import { pagedGroupLoader } from '../../../../platform/paged-loader';
import { MOVEMENT_COLUMNS, type StockLevelRow, type StockMovementRow } from './inventory-rows';
import { sql } from '../../../../platform/db/sql';

export function inventoryLoaders(db: RequestDb) {
  return {
    /** Every warehouse's stock of each product, the default warehouse first. */
    stockLevelsByProduct: groupLoader(
      (ids: readonly string[]) =>
        db.read((m) =>
          sql<StockLevelRow>(
            m,
            `SELECT k.id::text AS "productId", w.id::text AS "warehouseId", w.code AS "warehouseCode", w.name AS "warehouseName",
                    w.is_default AS "isDefault", coalesce(s.on_hand, 0) AS "onHand", coalesce(s.reserved, 0) AS reserved
               FROM unnest($1::uuid[]) AS k(id)
               CROSS JOIN warehouses w
               LEFT JOIN stock_levels s ON s.product_id = k.id AND s.warehouse_id = w.id
              ORDER BY w.priority, w.name`,
            [ids],
          ),
        ),
      (r) => r.productId,
    ),
    movementsByProduct: pagedGroupLoader(
      (ids, limit, afterSeq): Promise<StockMovementRow[]> =>
        db.read((m) =>
          sql<StockMovementRow>(
            m,
            `SELECT page.* FROM unnest($1::uuid[]) AS k(id)
               CROSS JOIN LATERAL (
                 SELECT ${MOVEMENT_COLUMNS} FROM stock_movements sm
                  WHERE sm.product_id = k.id AND ($3::bigint IS NULL OR sm.id < $3::bigint)
                  ORDER BY sm.id DESC LIMIT $2
               ) AS page`,
            [ids, limit, afterSeq],
          ),
        ),
      (r) => r.productId,
    ),
    movementCountByProduct: valueLoader(
      (ids: readonly string[]) =>
        db.read((m) =>
          sql<{ productId: string; n: number }>(m, `SELECT product_id::text AS "productId", count(*)::int AS n FROM stock_movements WHERE product_id = ANY($1::uuid[]) GROUP BY product_id`, [ids]),
        ),
      (r) => r.productId,
      (r) => r.n,
      0,
    ),
  };
}
