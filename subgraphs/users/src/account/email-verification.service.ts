import type { EntityManager } from 'typeorm';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { audit } from '../audit/audit.service';
import type { UsersContext } from '../context';
import { queueEmail } from '../notification/notification.service';
import { UserEntity } from '../user/user.entity';
import { AccountError } from './account.errors';
import { accountLink } from './account-links';
import { consumeAccountToken, issueAccountToken, tokensIssuedLastHour, TOKENS_PER_HOUR } from './account-token.service';

/** Issues a verification token and queues the mail carrying it, in `m`'s transaction. */
export async function queueVerificationMail(
  m: EntityManager,
  storefrontUrl: string,
  user: Pick<UserEntity, 'id' | 'email' | 'name'>,
): Promise<void> {
  const token = await issueAccountToken(m, user, 'EMAIL_VERIFICATION');
  await queueEmail(m, { userId: user.id, email: user.email, secret: token }, 'email-verification', {
    name: user.name,
    verifyUrl: accountLink(storefrontUrl, 'verify-email'),
  });
}

/** Mails the signed-in user a new verification link (valid 48 hours); earlier links stop working. */
export async function requestEmailVerification(ctx: UsersContext, userId: string): Promise<UserError[]> {
  return ctx.db.write(async (m) => {
    const user = await m.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) return [userError(AccountError.NOT_FOUND, 'The account no longer exists')];
    if (user.emailVerifiedAt) return [userError(AccountError.ALREADY_VERIFIED, 'Your e-mail address is already confirmed')];
    if ((await tokensIssuedLastHour(m, user.id, 'EMAIL_VERIFICATION')) >= TOKENS_PER_HOUR) {
      return [userError(AccountError.LIMIT_REACHED, `At most ${TOKENS_PER_HOUR} verification e-mails per hour: try again later`)];
    }
    await queueVerificationMail(m, ctx.deps.config.storefrontUrl, user);
    return [];
  });
}

/** Confirms the address a verification token was sent to, if it is still the account's address. */
export async function verifyEmail(ctx: UsersContext, token: string): Promise<UserError[]> {
  const verified = await ctx.db.write(async (m) => {
    const used = await consumeAccountToken(m, 'EMAIL_VERIFICATION', token);
    if (!used) return false;
    const result = await m
      .createQueryBuilder()
      .update(UserEntity)
      .set({ emailVerifiedAt: () => 'coalesce(email_verified_at, now())' })
      .where('id = :id AND email = :email', { id: used.userId, email: used.email })
      .execute();
    if (!result.affected) return false;
    await audit(ctx, m, 'EMAIL_VERIFIED', { userId: used.userId, email: used.email });
    return true;
  });
  return verified ? [] : [userError(AccountError.INVALID_TOKEN, 'This confirmation link is invalid, used or expired: ask for a new one', 'token')];
}
