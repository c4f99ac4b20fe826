import type { InventoryLevel } from './inventory.type';
import type { StockLevelRow } from './inventory-rows';

export function toInventoryLevel(row: StockLevelRow): InventoryLevel {
  return {
    warehouse: { id: row.warehouseId, code: row.warehouseCode, name: row.warehouseName, isDefault: row.isDefault },
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.onHand - row.reserved,
  };
}
