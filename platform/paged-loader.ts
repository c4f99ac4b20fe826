import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, toConnection, type Connection } from './graphql/connection';
import { groupLoader } from './loaders';

export type PageFetch<R> = (parentIds: readonly string[], limit: number, afterSeq: string | null) => Promise<R[]>;

/**
 * One page of child rows for each of many parents (a product's reviews, a user's reviews, a
 * product's stock movements) in one statement per batch: one DataLoader per distinct page
 * arguments, keyed by parent id. Rows come newest first by `seq`; the fetch returns up to `limit`
 * rows per parent (ask for one more than the page size to learn whether more follow).
 */
export function pagedGroupLoader<R>(fetch: PageFetch<R>, parentOf: (row: R) => string) {
  const loaders = new Map<string, DataLoader<string, R[]>>();
  return {
    load(parentId: string, limit: number, afterSeq: string | null): Promise<R[]> {
      const key = `${limit}:${afterSeq ?? ''}`;
      let loader = loaders.get(key);
      if (!loader) {
        loader = groupLoader((ids: readonly string[]) => fetch(ids, limit, afterSeq), parentOf);
        loaders.set(key, loader);
      }
      return loader.load(parentId);
    },
  };
}

/** The sequence number inside a cursor of a newest-first page; BAD_USER_INPUT for anything else. */
export function seqAfter(after: string | null | undefined): string | null {
  if (!after) return null;
  const [seq] = decodeCursor(after, 1);
  if (typeof seq !== 'string' || !/^\d{1,18}$/.test(seq)) {
    throw new GraphQLError('The cursor is malformed: pass an endCursor or cursor returned by this API', {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return seq;
}

/** A newest-first page of rows carrying their `seq`, fetched with one extra row. */
export function seqConnection<R extends { seq: string }, T>(rows: R[], limit: number, totalCount: number, nodeOf: (row: R) => T, hasPrevious: boolean): Connection<T> {
  return toConnection(rows, limit, totalCount, (r) => [r.seq], nodeOf, hasPrevious);
}

export { encodeCursor };
