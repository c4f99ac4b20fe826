import type { SubgraphRequest } from '../../../platform/subgraph';
import { computeTotals } from './cart/cart-pricing';
import type { CartRow } from './cart/cart-row';
import type { CartTotals } from './cart/cart-totals';
import type { CartDeps } from './deps';
import { createLoaders, type CartLoaders } from './loaders';

/** A cart request or job: the platform's context, this request's DataLoaders and the totals memo. */
export interface CartContext extends SubgraphRequest<CartDeps> {
  loaders: CartLoaders;
  /** A cart's money and warnings, computed once per request (one catalog call for all its lines). */
  totals(cart: CartRow): Promise<CartTotals>;
  /** Call after a committed change: the rest of the request reads after it. */
  changed(): void;
}

/**
 * Loaders and the totals memo. The methods use `this`: the GraphQL server may hand resolvers a
 * shallow copy of the context, and a change must reach the copy the resolvers read.
 */
export function createCartContext(request: SubgraphRequest<CartDeps>): CartContext {
  const { db } = request;
  let memo = new Map<string, Promise<CartTotals>>();
  return {
    ...request,
    loaders: createLoaders(db),
    totals(this: CartContext, cart: CartRow) {
      let result = memo.get(cart.id);
      if (!result) {
        result = computeTotals(this, cart);
        memo.set(cart.id, result);
      }
      return result;
    },
    changed(this: CartContext) {
      memo = new Map();
      this.loaders = createLoaders(db);
    },
  };
}
