import type { EntityManager } from 'typeorm';
import { commitVisibleToAll, VISIBLE_TO_ALL } from '../common/consistency';
import type { CatalogContext } from '../context';
import type { CatalogDeps } from '../deps';

/** Where stock operations run: a request (its RequestDb) or the worker (a plain transaction). */
export interface StockScope {
  /** A transaction whose commit every reader sees at once. */
  write<T>(fn: (m: EntityManager) => Promise<T>): Promise<T>;
  /** After a committed stock change: cached responses are dropped, subscribers hear of it. */
  afterChange(productIds: string[]): Promise<void>;
  defaultTtlSeconds: number;
}

export function requestStockScope(ctx: CatalogContext): StockScope {
  return {
    write: (fn) => ctx.db.write(fn, VISIBLE_TO_ALL),
    afterChange: (productIds) => ctx.catalogChanged({ productIds, categories: false }, { data: false }),
    defaultTtlSeconds: ctx.deps.config.reservationTtlSeconds,
  };
}

export function workerStockScope(deps: CatalogDeps): StockScope {
  return {
    write: (fn) =>
      deps.database.dataSource.transaction(async (m) => {
        await commitVisibleToAll(m);
        return fn(m);
      }),
    afterChange: (productIds) => deps.cache.changed({ productIds, categories: false }, false),
    defaultTtlSeconds: deps.config.reservationTtlSeconds,
  };
}
