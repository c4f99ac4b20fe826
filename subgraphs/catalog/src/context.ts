import { createBaseContext, type BaseContext, type RequestInfo } from '../../../platform/context';
import type { CatalogChange, CatalogState } from './cache/catalog-cache';
import { loadTaxonomy, type Taxonomy } from './category/taxonomy';
import type { CatalogDeps } from './deps';
import { createLoaders, type CatalogLoaders } from './loaders';

export interface CatalogContext extends BaseContext {
  deps: CatalogDeps;
  /** The cache generation, read once at the start of the request. */
  cacheState: CatalogState;
  loaders: CatalogLoaders;
  /** Categories and brands, read once per request (from the cache when it holds them). */
  taxonomy(): Promise<Taxonomy>;
  /**
   * Call after a committed catalog change, before answering: announces it and drops every cached
   * copy (with `data: false` — stock only — just the gateway's cached responses: stock is never
   * cached here); the rest of this request reads fresh data.
   */
  catalogChanged(change: CatalogChange, options?: { data?: boolean }): Promise<void>;
}

export async function createContext(deps: CatalogDeps, info: RequestInfo): Promise<CatalogContext> {
  const cacheState = await deps.cache.state();
  const base = createBaseContext(deps.database, info);
  const { db } = base;
  let taxonomy: Promise<Taxonomy> | undefined;
  const ctx: CatalogContext = {
    ...base,
    deps,
    cacheState,
    loaders: undefined as unknown as CatalogLoaders,
    taxonomy() {
      taxonomy ??= loadTaxonomy(db, deps.cache, ctx.cacheState);
      return taxonomy;
    },
    async catalogChanged(change, options) {
      const data = options?.data ?? true;
      await deps.cache.changed(change, data);
      if (data) {
        ctx.cacheState = { ...ctx.cacheState, usable: false };
        taxonomy = undefined;
      }
      // the rest of the request reads after the change, never a value loaded before it
      ctx.loaders = createLoaders({ db, cache: deps.cache, cacheState: () => ctx.cacheState });
    },
  };
  ctx.loaders = createLoaders({ db, cache: deps.cache, cacheState: () => ctx.cacheState });
  return ctx;
}
