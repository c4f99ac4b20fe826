import type Redis from 'ioredis';

/**
 * Revoked sessions, kept in Redis for as long as an access token of theirs could still be valid.
 * The gateway refuses an access token whose session is listed here. The list is a copy: the users
 * database holds every revocation (`sessions.revoked_at`), and its worker writes them here
 * (an outbox job per revocation, and all recent ones again when Redis lost them).
 */
export const revokedSessionKey = (sessionId: string) => `auth:revoked-session:${sessionId}`;

/**
 * Present while the list holds every recent revocation. A Redis that restarted without its data
 * or was flushed lacks it: the users worker then writes the list again and sets it.
 */
export const REVOCATIONS_COMPLETE_KEY = 'auth:revocations-complete';

export async function revokeSession(redis: Redis, sessionId: string, ttlSeconds: number): Promise<void> {
  await redis.set(revokedSessionKey(sessionId), '1', 'EX', ttlSeconds);
}

/** Lists each session for the seconds given (setting a key again only renews it: idempotent). */
export async function listRevokedSessions(redis: Redis, sessions: { sessionId: string; ttlSeconds: number }[]): Promise<void> {
  const listed = sessions.filter((s) => s.ttlSeconds > 0);
  if (!listed.length) return;
  const pipeline = redis.pipeline();
  for (const s of listed) pipeline.set(revokedSessionKey(s.sessionId), '1', 'EX', s.ttlSeconds);
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(revokedSessionKey(sessionId))) === 1;
}
