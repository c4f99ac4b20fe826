import type { Order } from './order.type';

/** Any order id resolves here (its shipments are then empty when shipping has none): the order itself lives in the orders subgraph. */
export const orderReference = {
  Order: {
    __resolveReference: (reference: { id: string }): Order => ({ id: reference.id }),
  },
};
