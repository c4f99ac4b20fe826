import type Redis from 'ioredis';
import { isLsn, maxLsn } from './lsn';

/**
 * A database's global position: the WAL position of its latest `visibleToAll` commit (a price,
 * a stock level), kept in Redis for `GLOBAL_POSITION_WINDOW_SECONDS`. The gateway adds the
 * catalog's to every request's consistency positions, so no reader gets the old value from a
 * replica that has not replayed the change — with or without a synchronous standby, and for
 * changes made by jobs and service calls as well as by the gateway's own mutations. A replica
 * further behind than the window is long since skipped as lagging (DATABASE_REPLICA_MAX_LAG_MS).
 */
export const globalPositionKey = (database: string) => `consistency:${database}`;

export const GLOBAL_POSITION_WINDOW_SECONDS = 60;

// Compares two WAL positions "hi/lo" (hex) as numbers; true when a is later than b.
export const LATER_LUA = `local function later(a, b)
  local ah, al = string.match(a, '^(%x+)/(%x+)$')
  local bh, bl = string.match(b, '^(%x+)/(%x+)$')
  if not bh then return true end
  ah, al, bh, bl = tonumber(ah, 16), tonumber(al, 16), tonumber(bh, 16), tonumber(bl, 16)
  return ah > bh or (ah == bh and al > bl)
end`;

/**
 * Stores `lsn` under `key` for `windowSeconds`, unless a later position is already there, and
 * publishes the stored position on the channel of the same name (`<lsn> <window seconds>`), so
 * readers that watch it (GlobalPositionWatch) need not ask Redis on every request.
 */
export async function rememberPosition(redis: Redis, key: string, lsn: string, windowSeconds: number): Promise<void> {
  // keep the later position when two requests race
  await redis.eval(
    `${LATER_LUA}
     local cur = redis.call('GET', KEYS[1])
     if cur and not later(ARGV[1], cur) then
       redis.call('EXPIRE', KEYS[1], ARGV[2])
       redis.call('PUBLISH', KEYS[1], cur .. ' ' .. ARGV[2])
       return 0
     end
     redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
     redis.call('PUBLISH', KEYS[1], ARGV[1] .. ' ' .. ARGV[2])
     return 1`,
    1,
    key,
    lsn,
    windowSeconds,
  );
}

/** The stored global position of `key`, or undefined (none recent, or Redis not answering). */
export async function readGlobalPosition(redis: Redis, key: string): Promise<string | undefined> {
  if (redis.status !== 'ready') return undefined;
  try {
    const lsn = await redis.get(key);
    return isLsn(lsn ?? undefined) ? lsn! : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A database's global position as a process follows it without a Redis round trip per request:
 * the stored value once subscribed, then every announcement published on the key's channel
 * (rememberPosition). While the subscription is not up (starting, Redis lost, reconnecting) it
 * reads the stored value on each call, as without the watch; after a reconnection it reads it
 * again, since announcements made meanwhile were not heard.
 */
export class GlobalPositionWatch {
  private lsn: string | undefined;
  private until = 0;
  private live = false;
  private pendingFollow: Promise<void> | undefined;
  private readonly subscriber: Redis;
  private readonly key: string;

  /** `redis` reads the stored value; the watch subscribes on a connection of its own, duplicated from it. */
  constructor(
    private readonly redis: Redis,
    database: string,
  ) {
    this.key = globalPositionKey(database);
    this.subscriber = redis.duplicate({ connectionName: `${redis.options.connectionName ?? 'redis'}-positions`, enableOfflineQueue: true, maxRetriesPerRequest: null, enableAutoPipelining: false, commandTimeout: undefined });
    this.subscriber.on('message', (channel: string, message: string) => {
      const [lsn, seconds] = message.split(' ');
      if (channel === this.key) this.note(lsn, Number(seconds) * 1000);
    });
    this.subscriber.on('ready', () => void this.follow());
    this.subscriber.on('close', () => (this.live = false));
    this.subscriber.on('error', () => undefined); // reconnects by itself; the watch reads Redis meanwhile
  }

  /** The position, or undefined when none is recent. */
  async current(): Promise<string | undefined> {
    if (!this.live) {
      // subscribed, but the stored value could not be read then (the other connection was down)
      if (this.subscriber.status === 'ready') void this.follow();
      return readGlobalPosition(this.redis, this.key);
    }
    return this.until > Date.now() ? this.lsn : undefined;
  }

  /** Whether announcements are being followed (for tests). */
  get following(): boolean {
    return this.live;
  }

  close(): void {
    this.live = false;
    this.subscriber.disconnect();
  }

  private note(lsn: string | undefined, ms: number) {
    if (!isLsn(lsn) || !(ms > 0)) return;
    const now = Date.now();
    this.lsn = this.until > now ? maxLsn(this.lsn, lsn)! : lsn;
    this.until = Math.max(this.until, now + ms);
  }

  /** Subscribes, then reads what is stored: an announcement in between is heard, and the later position kept. */
  private follow(): Promise<void> {
    this.pendingFollow ??= this.subscribeAndRead().finally(() => (this.pendingFollow = undefined));
    return this.pendingFollow;
  }

  private async subscribeAndRead() {
    try {
      await this.subscriber.subscribe(this.key);
      const [[, lsn], [, ms]] = (await this.redis.multi().get(this.key).pttl(this.key).exec()) as [[unknown, string | null], [unknown, number]];
      this.note(lsn ?? undefined, ms);
      this.live = this.subscriber.status === 'ready';
    } catch {
      // Redis went away meanwhile: the next 'ready' tries again
    }
  }
}

/** Announces a visible-to-all commit of `database`; a Redis failure is ignored (see Failure policies). */
export async function announceGlobalPosition(redis: Redis, database: string, lsn: string): Promise<void> {
  if (!isLsn(lsn) || redis.status !== 'ready') return;
  await rememberPosition(redis, globalPositionKey(database), lsn, GLOBAL_POSITION_WINDOW_SECONDS).catch(() => undefined);
}

/**
 * The same position as this process knows it, without Redis: the latest visible-to-all commit of
 * each database made in this process, for GLOBAL_POSITION_WINDOW_SECONDS. Every read of that
 * database in the process must see it, whoever asks (a caller that did not come through the
 * gateway, or while Redis is down).
 */
const localVisible = new Map<string, { lsn: string; until: number }>();

export function noteLocalVisible(database: string, lsn: string): void {
  const current = localVisible.get(database);
  const later = current && current.until > Date.now() ? maxLsn(current.lsn, lsn)! : lsn;
  localVisible.set(database, { lsn: later, until: Date.now() + GLOBAL_POSITION_WINDOW_SECONDS * 1000 });
}

export function localVisiblePosition(database: string): string | undefined {
  const current = localVisible.get(database);
  return current && current.until > Date.now() ? current.lsn : undefined;
}
