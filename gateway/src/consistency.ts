import type Redis from 'ioredis';
import { isLsn, maxLsn } from '../../platform/db/lsn';

/**
 * Read-your-writes across subgraphs. After a request that wrote, the gateway keeps the primary's
 * WAL position for that user (and returns it to any caller in the `x-consistency-token` header,
 * which guests send back). Later requests pass it to subgraphs, which skip replicas that have not
 * replayed that far.
 */
export const CONSISTENCY_HEADER = 'x-consistency-token';

export const consistencyKey = (userId: string) => `consistency:user:${userId}`;

/**
 * The position of the latest catalog write made through the gateway. Catalog data is public: for
 * a while after a price or stock change every reader's catalog fetches carry it, so no reader (nor
 * the response cache) gets the old value from a replica that has not replayed the change yet.
 */
export const CATALOG_CONSISTENCY_KEY = 'consistency:catalog';

/** The catalog's recent write position, or undefined (none recent, or Redis not answering). */
export async function catalogPosition(redis: Redis): Promise<string | undefined> {
  if (redis.status !== 'ready') return undefined;
  try {
    const lsn = await redis.get(CATALOG_CONSISTENCY_KEY);
    return isLsn(lsn ?? undefined) ? lsn! : undefined;
  } catch {
    return undefined;
  }
}

/** The later of the stored position and the one a client sent back. */
export function requestedLsn(stored: string | undefined, header: string | undefined): string | undefined {
  return maxLsn(stored, isLsn(header) ? header : undefined);
}

export async function rememberWrite(redis: Redis, userId: string, lsn: string, windowSeconds: number): Promise<void> {
  await rememberPosition(redis, consistencyKey(userId), lsn, windowSeconds);
}

/** Stores `lsn` under `key` for `windowSeconds`, unless a later position is already there. */
export async function rememberPosition(redis: Redis, key: string, lsn: string, windowSeconds: number): Promise<void> {
  // keep the later position when two requests of the same user race
  await redis.eval(
    `local cur = redis.call('GET', KEYS[1])
     if cur then
       local ch, cl = string.match(cur, '^(%x+)/(%x+)$')
       local nh, nl = string.match(ARGV[1], '^(%x+)/(%x+)$')
       if tonumber(ch, 16) > tonumber(nh, 16) or (tonumber(ch, 16) == tonumber(nh, 16) and tonumber(cl, 16) > tonumber(nl, 16)) then
         redis.call('EXPIRE', KEYS[1], ARGV[2])
         return 0
       end
     end
     redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
     return 1`,
    1,
    key,
    lsn,
    windowSeconds,
  );
}
