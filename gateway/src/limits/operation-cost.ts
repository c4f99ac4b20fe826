import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * graphql-armor's cost of an operation (2 per object field, 1 per scalar field, ×1.5 per level),
 * the same measure the cost limit applies; the rate limiter charges by it.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode): number {
  let cost = 0;
  validate(schema, document, [
    costLimitRule({
      maxCost: Number.MAX_SAFE_INTEGER,
      onAccept: [(_ctx, details: { n: number }) => (cost = Math.max(cost, details.n))],
    }),
  ]);
  return cost;
}
