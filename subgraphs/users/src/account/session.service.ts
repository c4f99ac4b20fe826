import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { signAccessToken } from '../../../../platform/auth/access-token';
import { revokeSession } from '../../../../platform/auth/revocation';
import type { UsersContext } from '../context';
import type { UserEntity } from '../user/user.entity';
import { queueRevocationPublish } from './revocation.service';
import { RefreshTokenEntity, SessionEntity } from './session.entity';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  /** The session the tokens belong to. */
  sessionId: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new opaque refresh token in `sessionId`'s family; only its hash is stored. */
export async function addRefreshToken(manager: EntityManager, sessionId: string): Promise<string> {
  return (await insertRefreshToken(manager, sessionId)).token;
}

export async function insertRefreshToken(manager: EntityManager, sessionId: string): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const { identifiers } = await manager.insert(RefreshTokenEntity, { sessionId, tokenHash: hashToken(token) });
  return { id: identifiers[0].id as string, token };
}

export function accessTokenFor(ctx: UsersContext, user: UserEntity, sessionId: string): { accessToken: string; expiresIn: number } {
  const { jwt } = ctx.deps.config;
  return { accessToken: signAccessToken(jwt, { userId: user.id, roles: user.roles, sessionId }), expiresIn: jwt.accessTtlSeconds };
}

/** Opens a session (a refresh-token family) for `user` and issues its first tokens. */
export async function openSession(ctx: UsersContext, manager: EntityManager, user: UserEntity): Promise<IssuedTokens> {
  const expiresAt = new Date(Date.now() + ctx.deps.config.refreshTtlDays * 86_400_000);
  const { identifiers } = await manager.insert(SessionEntity, {
    userId: user.id,
    expiresAt,
    ip: ctx.client.ip,
    userAgent: ctx.client.userAgent,
  });
  const sessionId = identifiers[0].id as string;
  const refreshToken = await addRefreshToken(manager, sessionId);
  return { ...accessTokenFor(ctx, user, sessionId), refreshToken, sessionId };
}

/**
 * Ends sessions in the database (refresh tokens stop working) — call inside the transaction — and
 * queues the outbox job that lists them in Redis for the gateway: the revocation is durable with
 * the commit, Redis up or not. Then `announceRevoked` after the commit lists them at once.
 */
export async function revokeSessions(manager: EntityManager, sessionIds: string[], reason: string): Promise<void> {
  if (!sessionIds.length) return;
  await manager
    .createQueryBuilder()
    .update(SessionEntity)
    .set({ revokedAt: () => 'now()', revokedReason: reason })
    .where('id IN (:...ids) AND revoked_at IS NULL', { ids: sessionIds })
    .execute();
  await queueRevocationPublish(manager, sessionIds);
}

/**
 * After the commit: lists the sessions in Redis at once, so the gateway refuses their access
 * tokens from the next request on. Best effort: while Redis is down the outbox job lists them
 * once it is back.
 */
export async function announceRevoked(ctx: UsersContext, sessionIds: string[]): Promise<void> {
  try {
    await Promise.all(sessionIds.map((id) => revokeSession(ctx.deps.redis, id, ctx.deps.config.jwt.accessTtlSeconds)));
  } catch (error) {
    ctx.log.warn({ err: error, sessions: sessionIds.length }, 'revocation not in Redis yet: its outbox job lists it when Redis is back');
  }
}
