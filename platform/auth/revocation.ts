import type Redis from 'ioredis';

/**
 * Revoked sessions, kept in Redis for as long as an access token of theirs could still be valid.
 * The gateway refuses an access token whose session is listed here.
 */
const key = (sessionId: string) => `auth:revoked-session:${sessionId}`;

export async function revokeSession(redis: Redis, sessionId: string, ttlSeconds: number): Promise<void> {
  await redis.set(key(sessionId), '1', 'EX', ttlSeconds);
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(key(sessionId))) === 1;
}
