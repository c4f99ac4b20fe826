import type { StockMovementType } from './inventory.entities';

/** A product's stock in one warehouse (every warehouse is listed; zero where nothing was stocked). */
export interface StockLevelRow {
  productId: string;
  warehouseId: string;
  warehouseCode: string;
  warehouseName: string;
  isDefault: boolean;
  onHand: number;
  reserved: number;
}

export interface StockMovementRow {
  id: string;
  seq: string;
  productId: string;
  warehouseId: string;
  type: StockMovementType;
  quantity: number;
  reason: string;
  referenceId: string | null;
  createdAt: Date;
}

export const MOVEMENT_COLUMNS = `
  sm.id::text AS id, sm.id::text AS seq, sm.product_id::text AS "productId", sm.warehouse_id::text AS "warehouseId",
  sm.type, sm.quantity, sm.reason, sm.reference_id AS "referenceId", sm.created_at AS "createdAt"`;
