import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../../../../platform/logger';

/** Redis channel on which every catalog change is announced (payload: CatalogChangeMessage as JSON). */
export const CATALOG_CHANGED_CHANNEL = 'catalog.changed';

export { CATALOG_VERSION_KEY } from '../../../../platform/cache/catalog-version';
import { CATALOG_VERSION_KEY } from '../../../../platform/cache/catalog-version';

/** What a request learns about the cache before reading the catalog. */
export interface CatalogState {
  /**
   * The data generation: every data change starts a new one, so old entries are never read again.
   * It names the counter's epoch too, so a counter Redis lost (evicted, flushed) starts new names.
   */
  version: string;
  /** False when Redis does not answer, or after this request changed the catalog: nothing is read from or put in the cache. */
  usable: boolean;
}

export interface CatalogChange {
  productIds: string[];
  /** True when categories or brands changed. */
  categories: boolean;
}

/** What subscribers of CATALOG_CHANGED_CHANNEL receive. */
export interface CatalogChangeMessage extends CatalogChange {
  /** True when product, category or brand data changed; false when only stock or sales figures did. */
  data: boolean;
}

/** What one process keeps decoded: about 32 MB of JSON, for at most a minute. */
const LOCAL_BYTES = 32 * 1024 * 1024;
const LOCAL_TTL_SECONDS = 60;

/**
 * The catalog's shared Redis cache of products and of the category tree. Entries live under the
 * current data generation (`<namespace>:v<version>:<kind>:<key>`); a change bumps the generation after
 * its commit and before the mutation answers, so every instance stops reading the old entries at
 * once. A reader that filled an entry with data read before the change filled a generation nobody
 * reads any more. Entries also expire after the TTL. Without Redis nothing is cached, and a change
 * made meanwhile starts new generations when Redis is back (entries cached before the outage are
 * not read again).
 *
 * The generation is a counter with a random epoch, kept in one hash: if Redis loses it, the next
 * reader draws a new epoch, so no name used before is used again.
 *
 * In front of Redis, each process keeps the values it read or wrote, decoded, under the same keys:
 * a request that knows the generation reads them without a round trip or a parse. Callers share
 * these values and never change them. They expire sooner than Redis's.
 */
export class CatalogCache {
  /**
   * The generation of this cache, a hash: `n` is bumped when product, category or brand data
   * changes (not stock), `epoch` is drawn by the first reader that finds none.
   */
  private readonly generationKey: string;
  /** Decoded values by full key; sized by the length of their JSON. */
  private readonly local: LRUCache<string, { value: unknown }>;

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly ttlSeconds: number,
    private readonly log: Logger,
  ) {
    this.generationKey = `${namespace}:generation`;
    this.local = new LRUCache({ maxSize: LOCAL_BYTES, ttl: Math.min(ttlSeconds, LOCAL_TTL_SECONDS) * 1000 });
  }

  private get ready(): boolean {
    return this.redis.status === 'ready';
  }

  async state(): Promise<CatalogState> {
    if (!this.ready) return { version: '0', usable: false };
    try {
      let [epoch, n] = await this.redis.hmget(this.generationKey, 'epoch', 'n');
      if (epoch === null) {
        await this.redis.hsetnx(this.generationKey, 'epoch', randomBytes(6).toString('base64url'));
        [epoch, n] = await this.redis.hmget(this.generationKey, 'epoch', 'n');
      }
      return { version: `${epoch}.${n ?? 0}`, usable: true };
    } catch (error) {
      this.log.warn({ err: error }, 'catalog cache unavailable');
      return { version: '0', usable: false };
    }
  }

  private key(state: CatalogState, kind: string, id: string): string {
    return `${this.namespace}:v${state.version}:${kind}:${id}`;
  }

  /**
   * Cached values in key order; null for a miss (or when Redis does not answer). `decode` turns a
   * value read from Redis's JSON back into what `setMany` was given (e.g. dates into Dates).
   */
  async getMany<T>(state: CatalogState, kind: string, ids: readonly string[], decode: (json: T) => T = (json) => json): Promise<(T | null)[]> {
    if (!state.usable || !ids.length || !this.ready) return ids.map(() => null);
    const keys = ids.map((id) => this.key(state, kind, id));
    const values = keys.map((key) => (this.local.get(key)?.value as T | undefined) ?? null);
    const remote = keys.filter((_, i) => values[i] === null);
    if (!remote.length) return values;
    try {
      const found = await this.redis.mget(...remote);
      let next = 0;
      return values.map((value, i) => {
        if (value !== null) return value;
        const json = found[next++];
        if (json === null) return null;
        const decoded = decode(JSON.parse(json) as T);
        this.local.set(keys[i], { value: decoded }, { size: json.length });
        return decoded;
      });
    } catch (error) {
      this.log.warn({ err: error }, 'catalog cache read failed');
      return values;
    }
  }

  async setMany<T>(state: CatalogState, kind: string, entries: [string, T][]): Promise<void> {
    if (!state.usable || !entries.length || !this.ready) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const [id, value] of entries) {
        const key = this.key(state, kind, id);
        const json = JSON.stringify(value);
        pipeline.set(key, json, 'EX', this.ttlSeconds);
        this.local.set(key, { value }, { size: json.length });
      }
      await pipeline.exec();
    } catch (error) {
      this.log.warn({ err: error }, 'catalog cache write failed');
    }
  }

  /**
   * Call after a change has committed, before answering the caller: starts new generations (the
   * data one only when product, category or brand data changed) and announces the change.
   */
  async changed(change: CatalogChange, data: boolean): Promise<void> {
    try {
      const multi = this.redis.multi().incr(CATALOG_VERSION_KEY);
      if (data) multi.hincrby(this.generationKey, 'n', 1);
      const message: CatalogChangeMessage = { ...change, data };
      await multi.publish(CATALOG_CHANGED_CHANNEL, JSON.stringify(message)).exec();
    } catch (error) {
      // the change stands; the new generations start as soon as Redis is back
      this.log.error({ err: error, change }, 'could not invalidate the catalog cache: invalidating it when Redis is back');
      this.owe(data);
    }
  }

  /** Whether a data generation is owed (true), only the stock one (false), or nothing (null). */
  private owed: boolean | null = null;

  /** Remembers an invalidation Redis missed; the next connection makes it (a change of everything). */
  private owe(data: boolean): void {
    const first = this.owed === null;
    this.owed = this.owed === true || data;
    if (first) this.redis.once('ready', () => void this.settle());
  }

  private async settle(): Promise<void> {
    const data = this.owed;
    if (data === null) return;
    this.owed = null;
    await this.changed({ productIds: [], categories: true }, data);
  }
}
