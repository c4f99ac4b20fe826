import type { GraphQLSchema } from 'graphql';
import '../../../platform/auth/roles';
import { authChecker } from '../../../platform/graphql/auth-checker';
import { buildFederatedSchema } from '../../../platform/graphql/federation';
import { AccountResolver } from './account/account.resolver';
import { AddressResolver } from './address/address.resolver';
import { userReference } from './user/user.reference';
import { UserResolver } from './user/user.resolver';

export const usersResolvers = [AccountResolver, UserResolver, AddressResolver] as const;

export function buildUsersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: usersResolvers, authChecker }, userReference);
}
