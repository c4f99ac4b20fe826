import type Redis from 'ioredis';
import type { Logger } from '../../../../platform/logger';

/** Redis channel on which every catalog change is announced (payload: CatalogChangeMessage as JSON). */
export const CATALOG_CHANGED_CHANNEL = 'catalog.changed';

export { CATALOG_VERSION_KEY } from '../../../../platform/cache/catalog-version';
import { CATALOG_VERSION_KEY } from '../../../../platform/cache/catalog-version';

/** What a request learns about the cache before reading the catalog. */
export interface CatalogState {
  /** The data generation: every data change starts a new one, so old entries are never read again. */
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

/**
 * The catalog's shared Redis cache of products and of the category tree. Entries live under the
 * current data generation (`<namespace>:v<version>:<kind>:<key>`); a change bumps the generation after
 * its commit and before the mutation answers, so every instance stops reading the old entries at
 * once. A reader that filled an entry with data read before the change filled a generation nobody
 * reads any more. Entries also expire after the TTL. Without Redis nothing is cached, and a change
 * made meanwhile starts new generations when Redis is back (entries cached before the outage are
 * not read again).
 */
export class CatalogCache {
  /** Bumped when product, category or brand data changes (not stock): the generation of this cache. */
  private readonly dataVersionKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly ttlSeconds: number,
    private readonly log: Logger,
  ) {
    this.dataVersionKey = `${namespace}:data-version`;
  }

  private get ready(): boolean {
    return this.redis.status === 'ready';
  }

  async state(): Promise<CatalogState> {
    if (!this.ready) return { version: '0', usable: false };
    try {
      return { version: (await this.redis.get(this.dataVersionKey)) ?? '0', usable: true };
    } catch (error) {
      this.log.warn({ err: error }, 'catalog cache unavailable');
      return { version: '0', usable: false };
    }
  }

  private key(state: CatalogState, kind: string, id: string): string {
    return `${this.namespace}:v${state.version}:${kind}:${id}`;
  }

  /** Cached values in key order; null for a miss (or when Redis does not answer). */
  async getMany<T>(state: CatalogState, kind: string, ids: readonly string[]): Promise<(T | null)[]> {
    if (!state.usable || !ids.length || !this.ready) return ids.map(() => null);
    try {
      const values = await this.redis.mget(...ids.map((id) => this.key(state, kind, id)));
      return values.map((v) => (v === null ? null : (JSON.parse(v) as T)));
    } catch (error) {
      this.log.warn({ err: error }, 'catalog cache read failed');
      return ids.map(() => null);
    }
  }

  async setMany(state: CatalogState, kind: string, entries: [string, unknown][]): Promise<void> {
    if (!state.usable || !entries.length || !this.ready) return;
    try {
      const pipeline = this.redis.pipeline();
      for (const [id, value] of entries) pipeline.set(this.key(state, kind, id), JSON.stringify(value), 'EX', this.ttlSeconds);
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
      if (data) multi.incr(this.dataVersionKey);
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
