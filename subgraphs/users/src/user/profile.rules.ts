import { userError, type UserError } from '../../../../platform/graphql/types';
import { isIsoDate } from '../../../../platform/validation';
import { ProfileError } from './user.errors';

/** Checks name and date of birth where given. */
export function profileProblems(input: { name?: string | null; dateOfBirth?: string | null }): UserError[] {
  const problems: UserError[] = [];
  if (input.name !== undefined && (input.name === null || input.name.trim().length < 1 || input.name.trim().length > 200)) {
    problems.push(userError(ProfileError.INVALID, 'Name must be 1 to 200 characters', 'input.name'));
  }
  if (input.dateOfBirth) {
    const today = new Date().toISOString().slice(0, 10);
    if (!isIsoDate(input.dateOfBirth) || input.dateOfBirth >= today || input.dateOfBirth < '1900-01-01') {
      problems.push(userError(ProfileError.INVALID, 'Date of birth must be a past date written YYYY-MM-DD', 'input.dateOfBirth'));
    }
  }
  return problems;
}
