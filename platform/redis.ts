import Redis from 'ioredis';

/**
 * A Redis connection. BullMQ needs `maxRetriesPerRequest: null` on the connections it blocks on.
 * Request-path connections pipeline automatically: the commands of concurrent requests share writes.
 */
export function createRedis(url: string, name: string, forQueues = false): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: forQueues ? null : 3,
    enableOfflineQueue: true,
    lazyConnect: false,
    enableAutoPipelining: !forQueues,
  });
}
