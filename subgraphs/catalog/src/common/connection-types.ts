import { Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Edge } from '../../../../platform/graphql/connection';
import { PageInfo } from '../../../../platform/graphql/types';
import { INHERIT } from './cache-hints';

/**
 * `<Name>Edge` and `<Name>Connection` like the platform's connectionType, carrying cache hints: the
 * connection takes `hint`, and its edges and pageInfo inherit it, so a cached catalog page is not
 * turned uncacheable by its plumbing types.
 */
export function cachedConnectionType<T extends object>(name: string, node: ClassType<T>, description: string, hint: string) {
  @Directive(INHERIT)
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @Directive(hint)
  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Directive(INHERIT)
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: Edge<T>[];

    @Directive(INHERIT)
    @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to fetch the next one.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across all pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}
