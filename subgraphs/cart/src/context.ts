import type { BaseContext, RequestInfo } from '../../../platform/context';
import { RequestDb } from '../../../platform/db/request-db';
import type { Logger } from '../../../platform/logger';
import { computeTotals } from './cart/cart-pricing';
import type { CartRow } from './cart/cart-row';
import type { CartTotals } from './cart/cart-totals';
import type { CartDeps } from './deps';
import { createLoaders, type CartLoaders } from './loaders';

/** What the cart's services need: a request's context, or the one a job builds. */
export interface CartScope {
  requestId: string;
  log: Logger;
  db: RequestDb;
  deps: CartDeps;
  loaders: CartLoaders;
  /** A cart's money and warnings, computed once per request (one catalog call for all its lines). */
  totals(cart: CartRow): Promise<CartTotals>;
  /** Call after a committed change: the rest of the request reads after it. */
  changed(): void;
}

export interface CartContext extends BaseContext, CartScope {}

/**
 * Loaders and the totals memo. The methods use `this`: the GraphQL server may hand resolvers a
 * shallow copy of the context, and a change must reach the copy the resolvers read.
 */
function scopeParts(db: RequestDb) {
  const memo = { totals: new Map<string, Promise<CartTotals>>() };
  return {
    loaders: createLoaders(db),
    totals(this: CartScope, cart: CartRow) {
      let result = memo.totals.get(cart.id);
      if (!result) {
        result = computeTotals(this, cart);
        memo.totals.set(cart.id, result);
      }
      return result;
    },
    changed(this: CartScope) {
      memo.totals = new Map();
      this.loaders = createLoaders(db);
    },
  };
}

export function createContext(deps: CartDeps, info: RequestInfo): CartContext {
  const db = new RequestDb(deps.database, info.minLsn);
  return { ...info, db, deps, ...scopeParts(db) };
}

/** The scope of a queue job: no caller; its reads follow its own writes like a request's. */
export function jobScope(deps: CartDeps, requestId: string): CartScope {
  const db = new RequestDb(deps.database);
  return { requestId, log: deps.log.child({ requestId }), db, deps, ...scopeParts(db) };
}
