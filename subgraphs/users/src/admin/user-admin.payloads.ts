import { Directive, Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../../../platform/graphql/connection';
import { UserError } from '../../../../platform/graphql/types';
import { User } from '../user/user.type';
import { PRIVATE } from '../user/user.cache-hints';

export const UserConnection = connectionType('User', User, 'A page of accounts, in e-mail address order (staff only).');

@ObjectType({ description: "An account after staff changed its roles." })
export class SetUserRolesPayload {
  @Directive(PRIVATE)
  @Field(() => User, { nullable: true, description: 'The account with its new roles; null when userErrors is not empty.' })
  user!: User | null;

  @Field(() => [UserError], { description: 'Why it failed: INVALID (no roles given), NOT_FOUND (no such account), CANNOT_REMOVE_OWN_ADMIN.' })
  userErrors!: UserError[];
}
