import { sqlOne } from '../../../../platform/db/sql';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { InventoryError } from './inventory.errors';
import { VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';
import { ProductEntity } from '../product/product.entity';
import { StockLevelEntity, WarehouseEntity } from './inventory.entities';
import { toInventoryLevel } from './inventory-level';
import type { StockLevelRow } from './inventory-rows';
import type { AdjustInventoryInput } from './inventory.inputs';
import type { InventoryLevel } from './inventory.type';
import { applyStockChanges, isStockConstraint } from './stock-ledger';

export const MAX_DELTA = 1_000_000;

type Result = { inventory: InventoryLevel | null; userErrors: UserError[] };
const failed = (...userErrors: UserError[]): Result => ({ inventory: null, userErrors });
const insufficient = () => failed(userError(InventoryError.INSUFFICIENT_STOCK, 'On-hand stock cannot fall below zero or below the units reserved by checkouts', 'input.delta'));

function problems(input: AdjustInventoryInput): UserError[] {
  const list: UserError[] = [];
  if (!isUuid(input.productId)) list.push(userError(InventoryError.NOT_FOUND, 'No product has this id', 'input.productId'));
  if (input.warehouseId && !isUuid(input.warehouseId)) list.push(userError(InventoryError.NOT_FOUND, 'No warehouse has this id', 'input.warehouseId'));
  if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_DELTA) {
    list.push(userError(InventoryError.INVALID, `delta must be a non-zero whole number of units between -${MAX_DELTA} and ${MAX_DELTA}`, 'input.delta'));
  }
  const reason = input.reason.trim();
  if (reason.length < 1 || reason.length > 500) list.push(userError(InventoryError.INVALID, 'Give a reason of 1 to 500 characters', 'input.reason'));
  return list;
}

/** Adds or removes on-hand units in one warehouse and records an ADJUSTMENT in the ledger. */
export async function adjustInventory(ctx: CatalogContext, input: AdjustInventoryInput, actorId: string): Promise<Result> {
  const invalid = problems(input);
  if (invalid.length) return failed(...invalid);
  const productId = input.productId.toLowerCase();
  try {
    const result = await ctx.db.write(async (m): Promise<Result> => {
      if (!(await m.existsBy(ProductEntity, { id: productId }))) return failed(userError(InventoryError.NOT_FOUND, 'No product has this id', 'input.productId'));
      const warehouse = await m.findOne(WarehouseEntity, {
        select: { id: true },
        where: input.warehouseId ? { id: input.warehouseId.toLowerCase() } : { isDefault: true },
      });
      if (!warehouse) return failed(userError(InventoryError.NOT_FOUND, 'No warehouse has this id', 'input.warehouseId'));
      const level = await m.findOne(StockLevelEntity, {
        select: { productId: true, warehouseId: true, onHand: true, reserved: true },
        where: { productId, warehouseId: warehouse.id },
        lock: { mode: 'pessimistic_write' },
      });
      const onHand = level?.onHand ?? 0;
      if (onHand + input.delta < (level?.reserved ?? 0)) return insufficient();
      await applyStockChanges(m, [
        { productId, warehouseId: warehouse.id, onHand: input.delta, reserved: 0, type: 'ADJUSTMENT', quantity: input.delta, reason: input.reason.trim(), referenceId: null, actorId },
      ]);
      const row = await sqlOne<StockLevelRow>(
        m,
        `SELECT s.product_id::text AS "productId", w.id::text AS "warehouseId", w.code AS "warehouseCode", w.name AS "warehouseName",
                w.is_default AS "isDefault", s.on_hand AS "onHand", s.reserved
           FROM stock_levels s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.product_id = $1 AND s.warehouse_id = $2`,
        [productId, warehouse.id],
      );
      return { inventory: toInventoryLevel(row!), userErrors: [] };
    }, VISIBLE_TO_ALL);
    if (result.inventory) await ctx.catalogChanged({ productIds: [productId], categories: false }, { data: false });
    return result;
  } catch (error) {
    if (isStockConstraint(error)) return insufficient();
    throw error;
  }
}
