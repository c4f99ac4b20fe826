import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Staff } from '../../../../platform/graphql/authorization';
import { Role } from '../../../../platform/auth/roles';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { uuidArg } from '../../../../platform/graphql/args';
import { pageSize, type Connection } from '../../../../platform/graphql/connection';
import type { UsersContext } from '../context';
import type { User } from '../user/user.type';
import { SetUserRolesPayload, UserConnection } from './user-admin.payloads';
import { listUsers, setUserRoles } from './user-admin.service';
import { PRIVATE } from '../user/user.cache-hints';

/** Staff operations on accounts. */
@Staff()
@Resolver()
export class UserAdminResolver {
  @Directive(PRIVATE)
  @Query(() => UserConnection, {
    description: 'Every account, in e-mail address order. Staff only (role ADMIN); others get FORBIDDEN, guests UNAUTHENTICATED.',
  })
  users(
    @Ctx() ctx: UsersContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'Page size, 0..100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Continue after this cursor (a previous pageInfo.endCursor).' }) after?: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the e-mail address or name, case-insensitive; at most 200 characters.' }) search?: string | null,
  ): Promise<Connection<User>> {
    return listUsers(ctx, pageSize(first, 20, 100), after, search);
  }

  @Mutation(() => SetUserRolesPayload, {
    description:
      "Replaces an account's roles. Staff only (role ADMIN); others get FORBIDDEN and nothing changes. Taking a role away ends the account's sessions. " +
      'Recorded in the security log (ROLES_CHANGED). A userId that is not a UUID is BAD_USER_INPUT. ' +
      'userErrors: INVALID (empty roles), NOT_FOUND (no such account), CANNOT_REMOVE_OWN_ADMIN, LAST_ADMIN (no other account would keep ADMIN).',
  })
  setUserRoles(
    @Arg('userId', () => ID, { description: 'The account to change.' }) userId: string,
    @Arg('roles', () => [Role], { description: 'The complete new set of roles, e.g. [CUSTOMER] or [CUSTOMER, ADMIN].' }) roles: Role[],
    @Ctx() ctx: UsersContext,
  ): Promise<SetUserRolesPayload> {
    return setUserRoles(ctx, requireIdentity(ctx), uuidArg(userId, 'userId'), roles);
  }
}
