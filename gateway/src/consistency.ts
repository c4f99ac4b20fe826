import type Redis from 'ioredis';
import { isLsn } from '../../platform/db/lsn';
import { isPositionName, mergePositions, type Positions } from '../../platform/db/positions';
import { globalPositionKey, LATER_LUA as LATER } from '../../platform/db/global-position';

export { rememberPosition } from '../../platform/db/global-position';

/**
 * Read-your-writes across subgraphs whose databases may live on different PostgreSQL clusters.
 * After a request that wrote, the gateway keeps, per subgraph, the WAL position of that
 * subgraph's database: in Redis for a signed-in user, and in the signed `x-consistency-token`
 * header for a guest, who sends it back. Later requests pass the positions to subgraphs, which
 * skip replicas that have not replayed their own database that far.
 */
export const CONSISTENCY_HEADER = 'x-consistency-token';

/** A signed-in user's positions: a hash, subgraph → WAL position. */
export const userPositionsKey = (userId: string) => `consistency:user-positions:${userId}`;

/**
 * The catalog's global position (platform/db/global-position.ts): its latest price or stock
 * commit, announced by the catalog itself (requests, service calls and jobs alike) and by the
 * gateway after a catalog mutation. Catalog data is public: for a while after a change every
 * reader's catalog fetches carry it, so no reader (nor the response cache) gets the old value from
 * a replica that has not replayed the change yet, whether or not a synchronous standby applied it.
 */
export const CATALOG = 'catalog';
export const CATALOG_CONSISTENCY_KEY = globalPositionKey(CATALOG);

/** The valid entries of a stored hash. */
export const storedPositions = (hash: Record<string, string> | null | undefined): Positions => mergePositions({}, hash ?? undefined);

/** Merges `positions` into the user's hash (the later position wins per subgraph) and restarts its window. */
export async function rememberPositions(redis: Redis, userId: string, positions: Positions, windowSeconds: number): Promise<void> {
  const args = Object.entries(positions).filter(([name, lsn]) => isPositionName(name) && isLsn(lsn)).flat();
  if (!args.length) return;
  await redis.eval(
    `${LATER}
     for i = 2, #ARGV, 2 do
       local cur = redis.call('HGET', KEYS[1], ARGV[i])
       if not cur or later(ARGV[i + 1], cur) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
     end
     redis.call('EXPIRE', KEYS[1], ARGV[1])
     return 1`,
    1,
    userPositionsKey(userId),
    windowSeconds,
    ...args,
  );
}
