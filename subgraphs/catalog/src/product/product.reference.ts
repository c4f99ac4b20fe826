import { isUuid } from '../../../../platform/validation';
import type { CatalogContext } from '../context';

/**
 * Other subgraphs (wishlists, carts, orders) name a Product by id; the request's DataLoader answers
 * them all with one cache read and at most one statement. A reference resolves whatever the
 * product's status, so an order or a wishlist still shows a product that was withdrawn since.
 * A malformed or unknown id resolves to null.
 */
export const productReference = {
  Product: {
    __resolveReference: async (reference: { id: string }, ctx: CatalogContext) => {
      if (!isUuid(reference.id)) return null;
      return ctx.loaders.productById.load(reference.id.toLowerCase());
    },
  },
};
