import type { UserError } from '../../../../platform/graphql/types';
import type { UpdateProfileInput } from '../account/account.inputs';
import type { UsersContext } from '../context';
import { profileProblems } from './profile.rules';
import { UserEntity } from './user.entity';

export async function updateProfile(
  ctx: UsersContext,
  userId: string,
  input: UpdateProfileInput,
): Promise<{ user: UserEntity | null; userErrors: UserError[] }> {
  const userErrors = profileProblems(input);
  if (userErrors.length) return { user: null, userErrors };
  const changes: Partial<UserEntity> = {};
  if (input.name !== undefined && input.name !== null) changes.name = input.name.trim();
  if (input.dateOfBirth !== undefined) changes.dateOfBirth = input.dateOfBirth;
  if (input.gender !== undefined) changes.gender = input.gender;
  if (input.subscribedToNewsletter !== undefined && input.subscribedToNewsletter !== null) {
    changes.subscribedToNewsletter = input.subscribedToNewsletter;
  }
  const user = await ctx.db.write(async (m) => {
    if (Object.keys(changes).length) await m.update(UserEntity, { id: userId }, changes);
    return m.findOneByOrFail(UserEntity, { id: userId });
  });
  return { user, userErrors: [] };
}
