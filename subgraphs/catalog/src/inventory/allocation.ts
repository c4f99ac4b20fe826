/** A locked stock row as the reservation sees it. */
export interface StockRow {
  productId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  /** The warehouse's priority: lower is used first (the default warehouse is 0). */
  priority: number;
}

export interface Allocation {
  productId: string;
  warehouseId: string;
  quantity: number;
}

export interface AllocationResult {
  allocations: Allocation[];
  /** Products (by line index) that lack stock, with what is available. */
  shortages: { index: number; productId: string; requested: number; available: number }[];
}

/**
 * Takes each line's quantity from the product's warehouses in priority order (then by id), as much
 * as each has available. All or nothing is the caller's business: shortages say what failed.
 */
export function allocate(lines: { productId: string; quantity: number }[], stock: StockRow[]): AllocationResult {
  const byProduct = new Map<string, StockRow[]>();
  for (const row of stock) byProduct.set(row.productId, [...(byProduct.get(row.productId) ?? []), row]);
  const allocations: Allocation[] = [];
  const shortages: AllocationResult['shortages'] = [];
  lines.forEach((line, index) => {
    const rows = [...(byProduct.get(line.productId) ?? [])].sort((a, b) => a.priority - b.priority || a.warehouseId.localeCompare(b.warehouseId));
    const available = rows.reduce((sum, r) => sum + Math.max(0, r.onHand - r.reserved), 0);
    if (available < line.quantity) {
      shortages.push({ index, productId: line.productId, requested: line.quantity, available });
      return;
    }
    let remaining = line.quantity;
    for (const row of rows) {
      const take = Math.min(remaining, Math.max(0, row.onHand - row.reserved));
      if (take > 0) allocations.push({ productId: line.productId, warehouseId: row.warehouseId, quantity: take });
      remaining -= take;
      if (remaining === 0) break;
    }
  });
  return { allocations, shortages };
}

/** Sums the quantities of lines naming the same product, keeping the first line's position. */
export function mergeLines(lines: { productId: string; quantity: number }[]): { productId: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.productId, (merged.get(line.productId) ?? 0) + line.quantity);
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}
