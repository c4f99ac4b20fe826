import type { GraphQLSchema } from 'graphql';
import '../../../platform/auth/roles';
import { authChecker } from '../../../platform/graphql/auth-checker';
import { buildFederatedSchema } from '../../../platform/graphql/federation';
import { CartInternalResolver } from './cart/cart-internal.resolver';
import { CartFieldsResolver, CartLineFieldsResolver } from './cart/cart-fields.resolver';
import { CartResolver } from './cart/cart.resolver';
import { UserCartResolver } from './cart/user-cart.resolver';
import { User } from './cart/user.type';
import { DiscountResolver } from './discount/discount.resolver';
import { RedemptionResolver } from './discount/redemption.resolver';

export const cartResolvers = [
  CartResolver,
  CartFieldsResolver,
  CartLineFieldsResolver,
  UserCartResolver,
  CartInternalResolver,
  DiscountResolver,
  RedemptionResolver,
] as const;

export function buildCartSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: cartResolvers, authChecker, orphanedTypes: [User] });
}
