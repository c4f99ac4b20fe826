import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Customer } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import type { UsersContext } from '../context';
import { ChangePasswordInput, LoginInput, RegisterInput } from './account.inputs';
import { AuthPayload, LogoutPayload, SuccessPayload } from './account.payloads';
import * as accounts from './account.service';

/** After signing in, the rest of the operation (the payload's user) is read as the signed-in user. */
function actAs(ctx: UsersContext, result: accounts.AuthResult): accounts.AuthResult {
  if (result.user && result.tokens) {
    ctx.identity = { userId: result.user.id, roles: result.user.roles, sessionId: result.tokens.sessionId };
  }
  return result;
}

const toPayload = (result: accounts.AuthResult): AuthPayload => ({
  accessToken: result.tokens?.accessToken ?? null,
  refreshToken: result.tokens?.refreshToken ?? null,
  expiresIn: result.tokens?.expiresIn ?? null,
  user: result.user,
  userErrors: result.userErrors,
});

@Resolver()
export class AccountResolver {
  @Mutation(() => AuthPayload, {
    description: 'Creates a customer account and signs it in. userErrors: EMAIL_TAKEN, WEAK_PASSWORD, INVALID. Anyone may call it.',
  })
  async register(@Arg('input', () => RegisterInput, { description: 'The new account.' }) input: RegisterInput, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    return toPayload(actAs(ctx, await accounts.register(ctx, input)));
  }

  @Mutation(() => AuthPayload, {
    description: 'Signs in with e-mail and password. userErrors: INVALID_CREDENTIALS, the same for an unknown e-mail and a wrong password. With guestCartId the guest cart is merged into the customer\'s cart.',
  })
  async login(@Arg('input', () => LoginInput, { description: 'The credentials.' }) input: LoginInput, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    return toPayload(actAs(ctx, await accounts.login(ctx, input)));
  }

  @Mutation(() => AuthPayload, {
    description: 'Trades a refresh token for a new access token and a new refresh token; the old refresh token stops working. Presented again within a few seconds (REFRESH_REUSE_GRACE_SECONDS, default 10: two tabs refreshing at once), it returns the refresh token it was already traded for and a new access token; later, an already-used refresh token ends the whole session (REFRESH_TOKEN_REUSED). Unknown, expired or revoked → INVALID_TOKEN.',
  })
  async refreshToken(@Arg('refreshToken', { description: 'The refresh token of the last sign-in or refresh.' }) refreshToken: string, @Ctx() ctx: UsersContext): Promise<AuthPayload> {
    return toPayload(actAs(ctx, await accounts.refresh(ctx, refreshToken)));
  }

  @Customer()
  @Mutation(() => LogoutPayload, { description: "Ends the caller's session: its access and refresh tokens stop working at once. Needs a signed-in user." })
  async logout(@Ctx() ctx: UsersContext): Promise<LogoutPayload> {
    await accounts.logout(ctx, requireIdentity(ctx));
    return { success: true, userErrors: [] };
  }

  @Customer()
  @Mutation(() => SuccessPayload, {
    description: "Changes the caller's password and ends the caller's other sessions. userErrors: INVALID_CREDENTIALS (current password wrong), WEAK_PASSWORD.",
  })
  async changePassword(@Arg('input', () => ChangePasswordInput, { description: 'The current and the new password.' }) input: ChangePasswordInput, @Ctx() ctx: UsersContext): Promise<SuccessPayload> {
    const userErrors = await accounts.changePassword(ctx, requireIdentity(ctx), input.currentPassword, input.newPassword);
    return { success: userErrors.length === 0, userErrors };
  }
}
