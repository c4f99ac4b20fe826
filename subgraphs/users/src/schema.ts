import type { GraphQLSchema } from 'graphql';
import '../../../platform/auth/roles';
import { authChecker } from '../../../platform/graphql/auth-checker';
import { buildFederatedSchema } from '../../../platform/graphql/federation';
import { AccountRecoveryResolver } from './account/account-recovery.resolver';
import { AccountResolver } from './account/account.resolver';
import { AddressResolver } from './address/address.resolver';
import { UserAdminResolver } from './admin/user-admin.resolver';
import { UserNotificationsResolver } from './notification/notification.resolver';
import { userReference } from './user/user.reference';
import { UserResolver } from './user/user.resolver';
import { UserWishlistsResolver, WishlistItemResolver, WishlistResolver } from './wishlist/wishlist.resolver';

export const usersResolvers = [
  AccountResolver,
  AccountRecoveryResolver,
  UserResolver,
  AddressResolver,
  UserNotificationsResolver,
  UserWishlistsResolver,
  WishlistResolver,
  WishlistItemResolver,
  UserAdminResolver,
] as const;

export function buildUsersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: usersResolvers, authChecker }, userReference);
}
