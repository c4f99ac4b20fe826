import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type Redis from 'ioredis';
import type { Logger } from '../../../platform/logger';

/**
 * Apollo's KeyValueCache on Redis, shared by every gateway instance (APQ, response cache).
 * A cache is an optimisation: when Redis does not answer, reads miss and writes are dropped (and
 * logged) instead of failing the request.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
    /** Used when a write names no TTL, in seconds. */
    private readonly defaultTtlSeconds?: number,
  ) {}

  async get(key: string): Promise<string | undefined> {
    if (this.redis.status !== 'ready') return undefined;
    try {
      return (await this.redis.get(this.prefix + key)) ?? undefined;
    } catch (error) {
      this.log.warn({ err: error, cache: this.prefix }, 'cache read failed');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (this.redis.status !== 'ready') return;
    const ttl = options?.ttl === null ? undefined : (options?.ttl ?? this.defaultTtlSeconds);
    try {
      if (ttl !== undefined && ttl > 0) await this.redis.set(this.prefix + key, value, 'EX', Math.ceil(ttl));
      else if (ttl === undefined) await this.redis.set(this.prefix + key, value);
      // a TTL of 0 means "do not keep"
    } catch (error) {
      this.log.warn({ err: error, cache: this.prefix }, 'cache write failed');
    }
  }

  async delete(key: string): Promise<boolean | void> {
    try {
      return (await this.redis.del(this.prefix + key)) > 0;
    } catch (error) {
      this.log.warn({ err: error, cache: this.prefix }, 'cache delete failed');
    }
  }
}
