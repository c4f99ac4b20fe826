import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer, SelfOrStaff } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { pageSize } from '../../../../platform/graphql/connection';
import { UpdateProfileInput } from '../account/account.inputs';
import { UserPayload } from '../account/account.payloads';
import { Address } from '../address/address.type';
import { recentAuditEvents } from '../audit/audit.service';
import { SecurityEvent } from '../audit/audit.type';
import type { UsersContext } from '../context';
import { updateProfile } from './user.service';
import { User } from './user.type';
import { PRIVATE } from './user.cache-hints';

@Resolver(() => User)
export class UserResolver {
  @Directive(PRIVATE)
  @Query(() => User, { nullable: true, description: 'The signed-in user; null for guests (no Authorization header).' })
  async me(@Ctx() ctx: UsersContext): Promise<User | null> {
    if (!ctx.identity) return null;
    return ctx.loaders.userById.load(ctx.identity.userId);
  }

  @Customer()
  @Mutation(() => UserPayload, { description: "Changes the caller's profile. userErrors: INVALID (name length, date of birth)." })
  async updateProfile(@Arg('input', () => UpdateProfileInput, { description: 'The fields to change.' }) input: UpdateProfileInput, @Ctx() ctx: UsersContext): Promise<UserPayload> {
    return updateProfile(ctx, requireIdentity(ctx).userId, input);
  }

  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => [Address], { description: 'Saved addresses, the default first, then oldest first. Private.' })
  addresses(@Root() user: User, @Ctx() ctx: UsersContext): Promise<Address[]> {
    return ctx.loaders.addressesByUser.load(user.id) as Promise<Address[]>;
  }

  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => [SecurityEvent], { description: 'The latest security events of the account, newest first (at most 100). Private.' })
  securityEvents(@Root() user: User, @Arg('first', () => Int, { defaultValue: 20, description: 'How many events, 0..100; default 20.' }) first: number, @Ctx() ctx: UsersContext) {
    return recentAuditEvents(ctx, user.id, pageSize(first, 20, 100));
  }
}
