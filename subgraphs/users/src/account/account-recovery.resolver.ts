import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import type { UsersContext } from '../context';
import { SuccessPayload } from './account.payloads';
import { requestEmailVerification, verifyEmail } from './email-verification.service';
import { requestPasswordReset, resetPassword } from './password-reset.service';

const done = (userErrors: SuccessPayload['userErrors']): SuccessPayload => ({ success: userErrors.length === 0, userErrors });

/** Password reset and e-mail verification: one-time tokens delivered by e-mail. */
@Resolver()
export class AccountRecoveryResolver {
  @Mutation(() => SuccessPayload, {
    description:
      'Mails a password-reset link (valid 1 hour) to the address, if an account has it. Anyone may call it. ' +
      'Always answers success: true with no userErrors, whether or not the address has an account, so accounts cannot be ' +
      'discovered; at most 5 links per account per hour are sent. The link opens STOREFRONT_URL/reset-password?token=….',
  })
  async requestPasswordReset(
    @Arg('email', { description: 'The e-mail address of the account.' }) email: string,
    @Ctx() ctx: UsersContext,
  ): Promise<SuccessPayload> {
    await requestPasswordReset(ctx, email);
    return done([]);
  }

  @Mutation(() => SuccessPayload, {
    description:
      'Sets a new password with the token of a reset link and signs the account out everywhere (every session ends); the e-mail address then counts as verified. ' +
      'Anyone holding the token may call it; a token works once, for one hour. ' +
      'userErrors: INVALID_TOKEN (unknown, used, superseded by a newer link, or expired), WEAK_PASSWORD (the token is then not used up).',
  })
  async resetPassword(
    @Arg('token', { description: 'The `token` parameter of the reset link.' }) token: string,
    @Arg('newPassword', { description: 'At least 10 characters, not a well-known password.' }) newPassword: string,
    @Ctx() ctx: UsersContext,
  ): Promise<SuccessPayload> {
    return done(await resetPassword(ctx, token, newPassword));
  }

  @Customer()
  @Mutation(() => SuccessPayload, {
    description:
      "Mails the signed-in user a link (valid 48 hours) that confirms the account's e-mail address; earlier links stop working. " +
      'Needs a signed-in user. userErrors: ALREADY_VERIFIED, LIMIT_REACHED (5 links per hour).',
  })
  async requestEmailVerification(@Ctx() ctx: UsersContext): Promise<SuccessPayload> {
    return done(await requestEmailVerification(ctx, requireIdentity(ctx).userId));
  }

  @Mutation(() => SuccessPayload, {
    description:
      "Confirms an account's e-mail address with the token of a verification link; sets User.emailVerifiedAt. " +
      'Anyone holding the token may call it (no sign-in needed); a token works once, for 48 hours. ' +
      'userErrors: INVALID_TOKEN (unknown, used, superseded, expired, or the account changed its address since).',
  })
  async verifyEmail(
    @Arg('token', { description: 'The `token` parameter of the verification link.' }) token: string,
    @Ctx() ctx: UsersContext,
  ): Promise<SuccessPayload> {
    return done(await verifyEmail(ctx, token));
  }
}
