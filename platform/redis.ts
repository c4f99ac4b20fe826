import Redis from 'ioredis';

/** How long a request-path command may wait for Redis (connecting or answering) before it fails. */
export const REQUEST_PATH_REDIS_TIMEOUT_MS = 500;

/**
 * A Redis connection.
 * - Queue connections (`forQueues`, BullMQ) wait for Redis as long as it takes: BullMQ needs
 *   `maxRetriesPerRequest: null` on the connections it blocks on.
 * - Request-path connections fail fast while Redis is down or slow (500 ms to connect and per
 *   command, one retry, and once connected no offline queue: a command while the connection is
 *   lost fails at once): a request then goes on without what Redis gives it (see the README's
 *   "Failure policies") instead of waiting. They pipeline automatically: the commands
 *   of concurrent requests share writes.
 */
export function createRedis(url: string, name: string, forQueues = false): Redis {
  if (forQueues) {
    return new Redis(url, { connectionName: name, maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: false });
  }
  const redis = new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 1,
    // commands wait for the first connection (bounded by the retry), then never for a lost one
    enableOfflineQueue: true,
    connectTimeout: REQUEST_PATH_REDIS_TIMEOUT_MS,
    commandTimeout: REQUEST_PATH_REDIS_TIMEOUT_MS,
    // reconnect quickly and keep trying: the connection is back as soon as Redis is
    retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
    lazyConnect: false,
    enableAutoPipelining: true,
  });
  redis.once('ready', () => {
    redis.options.enableOfflineQueue = false;
  });
  return redis;
}

/** Resolves once `redis` is connected, or after `timeoutMs` (the caller starts anyway: every use copes with Redis down). */
export async function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  return new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    timer.unref();
    redis.on('ready', onReady);
  });
}
