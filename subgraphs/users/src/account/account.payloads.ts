import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Address } from '../address/address.type';
import { User } from '../user/user.type';
import { PRIVATE } from '../user/user.cache-hints';

@ObjectType({ description: 'Tokens for a signed-in session. Send the access token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field(() => String, { nullable: true, description: 'A JWT valid for `expiresIn` seconds; null when userErrors is not empty.' })
  accessToken!: string | null;

  @Field(() => String, { nullable: true, description: 'Single-use: trade it for new tokens with refreshToken before it expires (30 days).' })
  refreshToken!: string | null;

  @Field(() => Int, { nullable: true, description: 'Seconds until the access token expires.' })
  expiresIn!: number | null;

  @Directive(PRIVATE)
  @Field(() => User, { nullable: true, description: 'The signed-in user.' })
  user!: User | null;

  @Field(() => [UserError], { description: 'Why it failed: EMAIL_TAKEN, WEAK_PASSWORD, INVALID, INVALID_CREDENTIALS, INVALID_TOKEN, REFRESH_TOKEN_REUSED.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of signing out.' })
export class LogoutPayload {
  @Field({ description: "True when the session's tokens were revoked." })
  success!: boolean;

  @Field(() => [UserError], { description: 'Always empty: signing out cannot fail once authenticated.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The user after a change.' })
export class UserPayload {
  @Directive(PRIVATE)
  @Field(() => User, { nullable: true, description: 'The updated user; null when userErrors is not empty.' })
  user!: User | null;

  @Field(() => [UserError], { description: 'Why it failed: INVALID, WEAK_PASSWORD, INVALID_CREDENTIALS.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'An address after a change.' })
export class AddressPayload {
  @Field(() => Address, { nullable: true, description: 'The address; null when userErrors is not empty.' })
  address!: Address | null;

  @Field(() => [UserError], { description: 'Why it failed: INVALID (a field out of range), NOT_FOUND (no such address of yours), LIMIT_REACHED.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleting an address.' })
export class DeleteAddressPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted address.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why it failed: NOT_FOUND (no such address of yours).' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of an operation that returns nothing but success.' })
export class SuccessPayload {
  @Field({ description: 'True when it was done.' })
  success!: boolean;

  @Field(() => [UserError], { description: 'Why it failed; each mutation lists its codes.' })
  userErrors!: UserError[];
}
