import type { EntityManager } from 'typeorm';
import { uniqueViolation } from '../../../../platform/db/db-errors';
import type { Identity } from '../../../../platform/auth/roles';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { publish } from '../../../../platform/queue/outbox';
import { isEmail } from '../../../../platform/validation';
import { audit } from '../audit/audit.service';
import type { UsersContext } from '../context';
import { profileProblems } from '../user/profile.rules';
import { UserEntity } from '../user/user.entity';
import type { LoginInput, RegisterInput } from './account.inputs';
import { AccountError } from './account.errors';
import { mergeGuestCartAtLogin } from './cart-merge';
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from './password';
import { RefreshTokenEntity, SessionEntity } from './session.entity';
import { sql } from '../../../../platform/db/sql';
import { openSuccessor, sealSuccessor } from './refresh-successor';
import { accessTokenFor, announceRevoked, hashToken, insertRefreshToken, openSession, revokeSessions, type IssuedTokens } from './session.service';

export type AuthResult = { tokens: IssuedTokens; user: UserEntity; userErrors: [] } | { tokens: null; user: null; userErrors: UserError[] };

const failure = (...userErrors: UserError[]): AuthResult => ({ tokens: null, user: null, userErrors });

const normaliseEmail = (email: string) => email.trim().toLowerCase();


export async function register(ctx: UsersContext, input: RegisterInput): Promise<AuthResult> {
  const email = normaliseEmail(input.email);
  const problems: UserError[] = [];
  if (!isEmail(email)) problems.push(userError(AccountError.INVALID, 'Enter a valid e-mail address', 'input.email'));
  const weak = passwordProblem(input.password);
  if (weak) problems.push(userError(AccountError.WEAK_PASSWORD, weak, 'input.password'));
  problems.push(...profileProblems(input));
  if (problems.length) return failure(...problems);

  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.write(async (m) => {
      const user = m.create(UserEntity, {
        email,
        passwordHash,
        name: input.name.trim(),
        dateOfBirth: input.dateOfBirth ?? null,
        gender: input.gender ?? null,
        subscribedToNewsletter: input.subscribedToNewsletter ?? false,
      });
      await m.insert(UserEntity, user);
      const saved = await m.findOneByOrFail(UserEntity, { email });
      await audit(ctx, m, 'REGISTERED', { userId: saved.id, email });
      await publish(m, 'user.registered', { userId: saved.id, email, name: saved.name });
      const tokens = await openSession(ctx, m, saved);
      return { tokens, user: saved, userErrors: [] as [] };
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) {
      return failure(userError(AccountError.EMAIL_TAKEN, 'An account with this e-mail address already exists', 'input.email'));
    }
    throw error;
  }
}

/**
 * Unknown e-mail and wrong password fail alike, in the same time, so accounts cannot be enumerated.
 * A hash made with older argon2 settings is replaced by one with today's, in the sign-in's
 * transaction, unless the password changed meanwhile.
 */
export async function login(ctx: UsersContext, input: LoginInput): Promise<AuthResult> {
  const email = normaliseEmail(input.email);
  const user = await ctx.db.readPrimary((m) => m.findOneBy(UserEntity, { email }));
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok) {
    await ctx.db.write((m) => audit(ctx, m, 'LOGIN_FAILED', { userId: user?.id, email }));
    return failure(userError(AccountError.INVALID_CREDENTIALS, 'The e-mail address or password is wrong'));
  }
  const upgraded = needsRehash(user.passwordHash) ? await hashPassword(input.password) : null;
  const tokens = await ctx.db.write(async (m) => {
    if (upgraded) {
      await m.update(UserEntity, { id: user.id, passwordHash: user.passwordHash }, { passwordHash: upgraded });
    }
    await audit(ctx, m, 'LOGIN_SUCCEEDED', { userId: user.id, email });
    await publish(m, 'customer.signed-in', { userId: user.id, guestCartId: input.guestCartId ?? null });
    return openSession(ctx, m, user);
  });
  if (input.guestCartId) await mergeGuestCartAtLogin(ctx, user.id, input.guestCartId);
  return { tokens, user, userErrors: [] };
}

type RefreshOutcome =
  | { kind: 'invalid' }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'rotated'; user: UserEntity; sessionId: string; refreshToken: string };

/**
 * The refresh token `rotated` was traded for, when it is presented again within the grace window
 * and that successor has not been traded itself: a concurrent refresh (two tabs), not a replay.
 * The successor row is locked, so it cannot be traded while it is handed out again.
 */
async function graceSuccessor(m: EntityManager, rotated: RefreshTokenEntity, token: string, graceSeconds: number): Promise<string | null> {
  if (!graceSeconds || !rotated.successorId || !rotated.successorSealed) return null;
  const [row] = await sql<{ usable: boolean }>(
    m,
    `SELECT s.rotated_at IS NULL AND t.rotated_at > now() - make_interval(secs => $2) AS usable
       FROM refresh_tokens t JOIN refresh_tokens s ON s.id = t.successor_id
      WHERE t.id = $1
        FOR UPDATE OF s`,
    [rotated.id, graceSeconds],
  );
  return row?.usable ? openSuccessor(token, rotated.successorSealed) : null;
}

/**
 * Trades a refresh token for new tokens; the old one stops working. Presented again within
 * REFRESH_REUSE_GRACE_SECONDS (two tabs refreshing at once), it gets the refresh token it was
 * already traded for, with a fresh access token. Later, it means it was stolen or replayed: the
 * whole session is revoked.
 */
export async function refresh(ctx: UsersContext, token: string): Promise<AuthResult> {
  const outcome = await ctx.db.write(async (m): Promise<RefreshOutcome> => {
    const current = await m
      .createQueryBuilder(RefreshTokenEntity, 't')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!current) return { kind: 'invalid' };
    const session = await m.findOneBy(SessionEntity, { id: current.sessionId });
    if (!session || session.revokedAt || session.expiresAt < new Date()) return { kind: 'invalid' };
    if (current.rotatedAt) {
      const successor = await graceSuccessor(m, current, token, ctx.deps.config.refreshReuseGraceSeconds);
      if (successor) {
        const user = await m.findOneByOrFail(UserEntity, { id: session.userId });
        await audit(ctx, m, 'TOKEN_REFRESHED', { userId: user.id }, { sessionId: session.id, withinReuseGrace: true });
        return { kind: 'rotated', user, sessionId: session.id, refreshToken: successor };
      }
      await revokeSessions(m, [session.id], 'refresh token reused');
      await audit(ctx, m, 'REFRESH_TOKEN_REUSED', { userId: session.userId }, { sessionId: session.id });
      return { kind: 'reused', sessionId: session.id };
    }
    const user = await m.findOneByOrFail(UserEntity, { id: session.userId });
    const { id: successorId, token: refreshToken } = await insertRefreshToken(m, session.id);
    await m.update(RefreshTokenEntity, { id: current.id }, { rotatedAt: () => 'now()', successorId, successorSealed: sealSuccessor(token, refreshToken) });
    await audit(ctx, m, 'TOKEN_REFRESHED', { userId: user.id }, { sessionId: session.id });
    return { kind: 'rotated', user, sessionId: session.id, refreshToken };
  });
  if (outcome.kind === 'invalid') {
    return failure(userError(AccountError.INVALID_TOKEN, 'The refresh token is unknown, expired or revoked: sign in again', 'refreshToken'));
  }
  if (outcome.kind === 'reused') {
    await announceRevoked(ctx, [outcome.sessionId]);
    return failure(userError(AccountError.REFRESH_TOKEN_REUSED, 'This refresh token was already used; the session has been ended for safety', 'refreshToken'));
  }
  const tokens = { ...accessTokenFor(ctx, outcome.user, outcome.sessionId), refreshToken: outcome.refreshToken, sessionId: outcome.sessionId };
  return { tokens, user: outcome.user, userErrors: [] };
}

/** Ends the caller's session: its refresh tokens at once, its access tokens at the gateway at once. */
export async function logout(ctx: UsersContext, identity: Identity): Promise<void> {
  await ctx.db.write(async (m) => {
    await revokeSessions(m, [identity.sessionId], 'logout');
    await audit(ctx, m, 'LOGOUT', { userId: identity.userId }, { sessionId: identity.sessionId });
  });
  await announceRevoked(ctx, [identity.sessionId]);
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  ctx: UsersContext,
  identity: Identity,
  currentPassword: string,
  newPassword: string,
): Promise<UserError[]> {
  const user = await ctx.db.readPrimary((m) => m.findOneByOrFail(UserEntity, { id: identity.userId }));
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return [userError(AccountError.INVALID_CREDENTIALS, 'The current password is wrong', 'input.currentPassword')];
  }
  const weak = passwordProblem(newPassword);
  if (weak) return [userError(AccountError.WEAK_PASSWORD, weak, 'input.newPassword')];
  const passwordHash = await hashPassword(newPassword);
  const ended = await ctx.db.write(async (m) => {
    await m.update(UserEntity, { id: user.id }, { passwordHash });
    const others = await m
      .createQueryBuilder(SessionEntity, 's')
      .select('s.id', 'id')
      .where('s.user_id = :userId AND s.id <> :current AND s.revoked_at IS NULL', { userId: user.id, current: identity.sessionId })
      .getRawMany<{ id: string }>();
    const ids = others.map((o) => o.id);
    await revokeSessions(m, ids, 'password changed');
    await audit(ctx, m, 'PASSWORD_CHANGED', { userId: user.id });
    return ids;
  });
  await announceRevoked(ctx, ended);
  return [];
}
