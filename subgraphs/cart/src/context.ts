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

function scopeParts(deps: CartDeps, db: RequestDb, self: () => CartScope) {
  let totals = new Map<string, Promise<CartTotals>>();
  return {
    loaders: createLoaders(db),
    totals(cart: CartRow) {
      let result = totals.get(cart.id);
      if (!result) {
        result = computeTotals(self(), cart);
        totals.set(cart.id, result);
      }
      return result;
    },
    changed() {
      totals = new Map();
      self().loaders = createLoaders(db);
    },
  };
}

export function createContext(deps: CartDeps, info: RequestInfo): CartContext {
  const db = new RequestDb(deps.database, info.minLsn);
  const ctx: CartContext = { ...info, db, deps, ...scopeParts(deps, db, () => ctx) };
  return ctx;
}

/** The scope of a queue job: no caller, reads on the primary's side of the consistency rules like a request. */
export function jobScope(deps: CartDeps, requestId: string): CartScope {
  const db = new RequestDb(deps.database);
  const scope: CartScope = { requestId, log: deps.log.child({ requestId }), db, deps, ...scopeParts(deps, db, () => scope) };
  return scope;
}
