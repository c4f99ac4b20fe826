import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import { AddressPayload, DeleteAddressPayload } from '../account/account.payloads';
import type { UsersContext } from '../context';
import { AddressInput } from './address.inputs';
import * as addresses from './address.service';

@Customer()
@Resolver()
export class AddressResolver {
  @Mutation(() => AddressPayload, {
    description: 'Adds an address to the caller\'s account. The first address, or one added with isDefault: true, becomes the default. userErrors: INVALID, LIMIT_REACHED (50 addresses).',
  })
  addAddress(@Arg('input', () => AddressInput, { description: 'The new address.' }) input: AddressInput, @Ctx() ctx: UsersContext) {
    return addresses.addAddress(ctx, requireIdentity(ctx).userId, input);
  }

  @Mutation(() => AddressPayload, { description: 'Replaces one of the caller\'s addresses. userErrors: INVALID, NOT_FOUND (no such address of yours).' })
  updateAddress(
    @Arg('id', () => ID, { description: 'One of your addresses.' }) id: string,
    @Arg('input', () => AddressInput, { description: 'Its new content (replaces every field).' }) input: AddressInput, @Ctx() ctx: UsersContext) {
    return addresses.updateAddress(ctx, requireIdentity(ctx).userId, id, input);
  }

  @Mutation(() => DeleteAddressPayload, { description: 'Deletes one of the caller\'s addresses; if it was the default, the oldest remaining one becomes the default. userErrors: NOT_FOUND.' })
  deleteAddress(@Arg('id', () => ID, { description: 'One of your addresses.' }) id: string, @Ctx() ctx: UsersContext) {
    return addresses.deleteAddress(ctx, requireIdentity(ctx).userId, id);
  }

  @Mutation(() => AddressPayload, { description: 'Makes one of the caller\'s addresses the default. userErrors: NOT_FOUND.' })
  setDefaultAddress(@Arg('id', () => ID, { description: 'One of your addresses.' }) id: string, @Ctx() ctx: UsersContext) {
    return addresses.setDefaultAddress(ctx, requireIdentity(ctx).userId, id);
  }
}
