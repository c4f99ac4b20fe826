import type { EntityManager } from 'typeorm';
import { listRevokedSessions, REVOCATIONS_COMPLETE_KEY } from '../../../../platform/auth/revocation';
import { sql } from '../../../../platform/db/sql';
import { enqueue } from '../../../../platform/queue/outbox';
import type { UsersContext } from '../context';

/** Writes the Redis revocation keys of sessions just revoked (an outbox job of the revoking transaction). */
export const REVOCATION_PUBLISH_JOB = 'revocation.publish';
/** Writes every recent revocation again when Redis lost them (a repeating job). */
export const REVOCATION_REPUBLISH_JOB = 'revocation.republish';

export interface RevocationPublishData {
  sessionIds: string[];
}

/**
 * In the transaction that revokes `sessionIds` (their `revoked_at` is set in it): the job that
 * lists them in Redis. The revocation is durable once this commits, whether Redis is up or not.
 */
export async function queueRevocationPublish(manager: EntityManager, sessionIds: string[]): Promise<void> {
  if (!sessionIds.length) return;
  await enqueue(manager, { queue: 'users', name: REVOCATION_PUBLISH_JOB, payload: { sessionIds } satisfies RevocationPublishData });
}

/**
 * Sessions revoked within the last access-token lifetime (or of `ids` only), with how many seconds
 * each must stay listed: an access token of a session lives at most that long after its revocation.
 */
async function recentRevocations(m: EntityManager, ttlSeconds: number, ids?: string[]): Promise<{ sessionId: string; ttlSeconds: number }[]> {
  const rows = await sql<{ id: string; remaining: number }>(
    m,
    `SELECT id, ceil($1 - extract(epoch FROM now() - revoked_at))::int AS remaining
       FROM sessions
      WHERE revoked_at > now() - make_interval(secs => $1)
        AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
    [ttlSeconds, ids ?? null],
  );
  return rows.map((r) => ({ sessionId: r.id, ttlSeconds: r.remaining }));
}

/** The outbox job: lists the sessions for what remains of the access-token lifetime (idempotent). */
export async function publishRevocations(ctx: UsersContext, sessionIds: string[]): Promise<void> {
  const ttl = ctx.deps.config.jwt.accessTtlSeconds;
  const sessions = await ctx.db.readPrimary((m) => recentRevocations(m, ttl, sessionIds));
  await listRevokedSessions(ctx.deps.redis, sessions);
}

/**
 * The repeating job: when Redis lacks the completeness marker (it restarted without its data, or
 * was flushed), lists every session revoked within the access-token lifetime again, then sets the
 * marker. Returns how many were listed (0: nothing was lost).
 */
export async function republishRevocationsIfLost(ctx: UsersContext): Promise<number> {
  const { redis } = ctx.deps;
  if ((await redis.exists(REVOCATIONS_COMPLETE_KEY)) === 1) return 0;
  const sessions = await ctx.db.readPrimary((m) => recentRevocations(m, ctx.deps.config.jwt.accessTtlSeconds));
  await listRevokedSessions(redis, sessions);
  await redis.set(REVOCATIONS_COMPLETE_KEY, new Date().toISOString());
  return sessions.length;
}
