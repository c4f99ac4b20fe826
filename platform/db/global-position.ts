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

/** Stores `lsn` under `key` for `windowSeconds`, unless a later position is already there. */
export async function rememberPosition(redis: Redis, key: string, lsn: string, windowSeconds: number): Promise<void> {
  // keep the later position when two requests race
  await redis.eval(
    `${LATER_LUA}
     local cur = redis.call('GET', KEYS[1])
     if cur and not later(ARGV[1], cur) then
       redis.call('EXPIRE', KEYS[1], ARGV[2])
       return 0
     end
     redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
     return 1`,
    1,
    key,
    lsn,
    windowSeconds,
  );
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
