import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Staff } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { pageSize } from '../../../../platform/graphql/connection';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { seqAfter, seqConnection } from '../../../../platform/paged-loader';
import type { CatalogContext } from '../context';
import { WarehouseEntity } from './inventory.entities';
import type { ProductRow } from '../product/product-row';
import { Product } from '../product/product.type';
import { toInventoryLevel } from './inventory-level';
import { AdjustInventoryInput } from './inventory.inputs';
import { InventoryPayload } from './inventory.payloads';
import { adjustInventory } from './inventory.service';
import { InventoryLevel, StockMovementConnection, Warehouse } from './inventory.type';

const MAX_MOVEMENTS = 100;

@Resolver(() => Product)
export class InventoryResolver {
  @Staff()
  @Directive(PRIVATE)
  @Query(() => [Warehouse], { description: 'Every warehouse, the default first. Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED.' })
  warehouses(@Ctx() ctx: CatalogContext): Promise<Warehouse[]> {
    return ctx.db.read((m) =>
      m.find(WarehouseEntity, { select: { id: true, code: true, name: true, isDefault: true }, order: { priority: 'ASC', name: 'ASC' } }),
    );
  }

  @Staff()
  @Mutation(() => InventoryPayload, {
    description:
      'Adds (delta > 0) or removes (delta < 0) on-hand units in a warehouse and records the change in the stock ledger with its reason. Visible to every reader as soon as this returns. Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED. userErrors: NOT_FOUND, INVALID, INSUFFICIENT_STOCK.',
  })
  adjustInventory(@Arg('input', () => AdjustInventoryInput, { description: 'The change.' }) input: AdjustInventoryInput, @Ctx() ctx: CatalogContext) {
    return adjustInventory(ctx, input, requireIdentity(ctx).userId);
  }

  @Staff()
  @Directive(PRIVATE)
  @FieldResolver(() => [InventoryLevel], { description: 'Stock in every warehouse (zero where none is kept), the default warehouse first. Staff only (FORBIDDEN otherwise).' })
  async inventory(@Root() p: ProductRow, @Ctx() ctx: CatalogContext): Promise<InventoryLevel[]> {
    return (await ctx.loaders.stockLevelsByProduct.load(p.id)).map(toInventoryLevel);
  }

  @Staff()
  @Directive(PRIVATE)
  @FieldResolver(() => StockMovementConnection, { description: 'The stock ledger of this product, newest first. Staff only (FORBIDDEN otherwise).' })
  async stockMovements(
    @Root() p: ProductRow,
    @Ctx() ctx: CatalogContext,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 0 to ${MAX_MOVEMENTS} (default 20; more → BAD_USER_INPUT).` }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a malformed one → BAD_USER_INPUT).' }) after?: string | null,
  ) {
    const limit = pageSize(first, 20, MAX_MOVEMENTS);
    const afterSeq = seqAfter(after);
    const [rows, total, levels] = await Promise.all([
      ctx.loaders.movementsByProduct.load(p.id, limit + 1, afterSeq),
      ctx.loaders.movementCountByProduct.load(p.id),
      ctx.loaders.stockLevelsByProduct.load(p.id),
    ]);
    const warehouses = new Map(levels.map((l) => [l.warehouseId, toInventoryLevel(l).warehouse]));
    return seqConnection(rows, limit, total, (r) => ({ ...r, warehouse: warehouses.get(r.warehouseId)! }), afterSeq !== null);
  }
}
