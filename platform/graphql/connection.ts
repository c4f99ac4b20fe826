import { GraphQLError } from 'graphql';
import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { INHERIT } from './cache-hints';
import { PageInfo } from './types';

/** Relay connections: opaque cursors over keyset values, `first`/`after`, totalCount. */

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Declares `<Name>Edge` and `<Name>Connection` for a node type. With a cache `hint` (see
 * cache-hints.ts) the connection carries it and its edges and pageInfo inherit it, so a cached page
 * is not turned uncacheable by its plumbing types.
 */
export function connectionType<T extends object>(name: string, node: ClassType<T>, description: string, hint?: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to fetch the next one.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across all pages.' })
    totalCount!: number;
  }
  if (hint) {
    Directive(INHERIT)(EdgeType);
    Directive(hint)(ConnectionType);
    Directive(INHERIT)(ConnectionType.prototype, 'edges');
    Directive(INHERIT)(ConnectionType.prototype, 'pageInfo');
  }
  return ConnectionType;
}

export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The keyset values inside a cursor; a clear error for anything this API did not produce. */
export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw new GraphQLError('The cursor is malformed: pass an endCursor or cursor returned by this API', {
    extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
  });
}

/** Validates `first`: a default when absent, an error below 0 or above the cap. */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new GraphQLError(`first must be between 0 and ${max} (got ${first})`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  }
  return first;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only tells that more follow. */
export function toConnection<R, T>(
  rows: R[],
  limit: number,
  totalCount: number,
  cursorOf: (row: R) => readonly unknown[],
  nodeOf: (row: R) => T,
  hasPreviousPage = false,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: nodeOf(row) }));
  return {
    edges,
    totalCount,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: rows.length > limit,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
  };
}
