import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import type { UsersContext } from '../context';
import { UserEntity } from '../user/user.entity';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationPreferenceError } from './notification-preference.errors';
import type { NotificationPreferenceInput } from './notification-preference.inputs';
import { preferenceOption, resolvePreferences, type PreferenceChoice, type ResolvedPreference } from './notification-preferences';

/** The choices a customer made (defaults are not stored). */
export function choicesOf(m: EntityManager, userId: string): Promise<PreferenceChoice[]> {
  return m.find(NotificationPreferenceEntity, { select: { channel: true, kind: true, enabled: true }, where: { userId } });
}

/** INVALID for a combination that cannot be chosen (e.g. SMS for MARKETING) or one given twice. */
function preferenceProblems(preferences: readonly NotificationPreferenceInput[]): UserError[] {
  const seen = new Set<string>();
  const problems: UserError[] = [];
  preferences.forEach((p, i) => {
    const field = `input.preferences.${i}`;
    const key = `${p.channel}:${p.kind}`;
    if (!preferenceOption(p.channel, p.kind)) problems.push(userError(NotificationPreferenceError.INVALID, `There are no ${p.kind} notifications by ${p.channel}`, field));
    else if (seen.has(key)) problems.push(userError(NotificationPreferenceError.INVALID, `${p.channel} for ${p.kind} is given more than once`, field));
    seen.add(key);
  });
  return problems;
}

export interface PreferencesResult {
  user: UserEntity | null;
  preferences: ResolvedPreference[] | null;
  userErrors: UserError[];
}

/**
 * Records the customer's choices for the combinations given (the others stay as they were) and
 * returns every combination as it now applies. Nothing changes when one of them is invalid.
 */
export async function updateNotificationPreferences(ctx: UsersContext, userId: string, preferences: readonly NotificationPreferenceInput[]): Promise<PreferencesResult> {
  const userErrors = preferenceProblems(preferences);
  if (userErrors.length) return { user: null, preferences: null, userErrors };
  return ctx.db.write(async (m) => {
    if (preferences.length) {
      await m.upsert(
        NotificationPreferenceEntity,
        preferences.map((p) => ({ userId, channel: p.channel, kind: p.kind, enabled: p.enabled })),
        ['userId', 'channel', 'kind'],
      );
    }
    const user = await m.findOneByOrFail(UserEntity, { id: userId });
    return { user, preferences: resolvePreferences(await choicesOf(m, userId)), userErrors: [] };
  });
}
