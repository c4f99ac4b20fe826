import { userError, type UserError } from '../../../../platform/graphql/types';
import { isEmail } from '../../../../platform/validation';
import { audit } from '../audit/audit.service';
import type { UsersContext } from '../context';
import { queueEmail } from '../notification/notification.service';
import { UserEntity } from '../user/user.entity';
import { AccountError } from './account.errors';
import { accountLink } from './account-links';
import { accountTokenUsable, consumeAccountToken, issueAccountToken, tokensIssuedLastHour, TOKENS_PER_HOUR } from './account-token.service';
import { hashPassword, passwordProblem } from './password';
import { announceRevoked, revokeSessions } from './session.service';
import { SessionEntity } from './session.entity';

/**
 * Mails a reset link (valid one hour) when an account has this address. The caller learns nothing
 * either way: unknown addresses, malformed ones and rate-limited requests look like success.
 */
export async function requestPasswordReset(ctx: UsersContext, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  if (!isEmail(email)) return;
  await ctx.db.write(async (m) => {
    // the row lock serialises concurrent requests for one account, so the hourly limit holds
    const user = await m.findOne(UserEntity, { where: { email }, lock: { mode: 'pessimistic_write' } });
    if (!user) {
      await audit(ctx, m, 'PASSWORD_RESET_REQUESTED', { email }, { unknownAccount: true });
      return;
    }
    if ((await tokensIssuedLastHour(m, user.id, 'PASSWORD_RESET')) >= TOKENS_PER_HOUR) {
      await audit(ctx, m, 'PASSWORD_RESET_REQUESTED', { userId: user.id, email }, { rateLimited: true });
      return;
    }
    const token = await issueAccountToken(m, user, 'PASSWORD_RESET');
    await queueEmail(m, { userId: user.id, email: user.email, secret: token }, 'password-reset', {
      name: user.name,
      resetUrl: accountLink(ctx.deps.config.storefrontUrl, 'reset-password'),
    });
    await audit(ctx, m, 'PASSWORD_RESET_REQUESTED', { userId: user.id, email });
  });
}

/**
 * Sets a new password with a reset token: the token is used up, every session of the account
 * ends (refresh tokens at once, access tokens at the gateway at once), and the address counts
 * as verified, since the link reached it.
 */
export async function resetPassword(ctx: UsersContext, token: string, newPassword: string): Promise<UserError[]> {
  const weak = passwordProblem(newPassword);
  if (weak) return [userError(AccountError.WEAK_PASSWORD, weak, 'newPassword')];
  const invalid = [userError(AccountError.INVALID_TOKEN, 'This reset link is invalid, used or expired: ask for a new one', 'token')];
  // no argon2 work for a token that cannot work: the conditional use below still decides races
  if (!(await ctx.db.readPrimary((m) => accountTokenUsable(m, 'PASSWORD_RESET', token)))) return invalid;
  const passwordHash = await hashPassword(newPassword);
  const ended = await ctx.db.write(async (m) => {
    const used = await consumeAccountToken(m, 'PASSWORD_RESET', token);
    if (!used) return null;
    const user = await m.findOneBy(UserEntity, { id: used.userId });
    if (!user || user.email.toLowerCase() !== used.email.toLowerCase()) return null;
    await m.update(UserEntity, { id: user.id }, { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() });
    const sessions = await m
      .createQueryBuilder(SessionEntity, 's')
      .select('s.id', 'id')
      .where('s.user_id = :userId AND s.revoked_at IS NULL', { userId: user.id })
      .getRawMany<{ id: string }>();
    const ids = sessions.map((s) => s.id);
    await revokeSessions(m, ids, 'password reset');
    await audit(ctx, m, 'PASSWORD_RESET', { userId: user.id, email: user.email }, { sessionsEnded: ids.length });
    return ids;
  });
  if (!ended) return invalid;
  await announceRevoked(ctx, ended);
  return [];
}
