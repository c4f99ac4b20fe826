import { Order } from './order.type';
import { User } from '../payment-method/payment-method.type';
import { resolveRefund } from '../refund/refund.reference';

/** Orders and users are named by id only here; their payment and saved cards resolve from the id. Refunds resolve for who may see them. */
export const paymentsReferences = {
  Order: { __resolveReference: (reference: { id: string }) => Object.assign(new Order(), { id: reference.id }) },
  User: { __resolveReference: (reference: { id: string }) => Object.assign(new User(), { id: reference.id }) },
  Refund: { __resolveReference: resolveRefund },
};
