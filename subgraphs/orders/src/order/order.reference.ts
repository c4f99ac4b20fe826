import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { canRead } from './order-access';
import { toOrder, User, type Order } from './order.type';

/**
 * Orders resolve for their customer and staff only: a reference anyone else holds (e.g. through a
 * shipment) resolves to null. Users resolve from the id (the users subgraph owns them).
 */
export const ordersReferences = {
  Order: {
    __resolveReference: async (reference: { id: string }, ctx: OrdersContext): Promise<Order | null> => {
      if (!isUuid(reference.id)) return null;
      const row = await ctx.loaders.orderById.load(reference.id.toLowerCase());
      return row && canRead(ctx, row) ? toOrder(row) : null;
    },
  },
  User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
};
