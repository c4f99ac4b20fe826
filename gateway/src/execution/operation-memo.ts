import type { DocumentNode } from 'graphql';
import * as operationsModule from '@apollo/federation-internals/dist/operations';
import * as shapingModule from '@apollo/gateway/dist/resultShaping';
import { computeResponse } from './result-shaping';

type OperationFromDocument = (schema: object, document: DocumentNode, options?: { operationName?: string; validate?: boolean }) => unknown;

interface Level {
  next: WeakMap<object, Level>;
  operation?: unknown;
}

let installed = false;

/**
 * Apollo Gateway turns the request's document into its own operation model on every request
 * before it shapes the subgraphs' data into the response (executeQueryPlan →
 * `operationFromDocument(apiSchema, { operation, ...fragments }, { validate: false })`), a few
 * hundred microseconds for a storefront page. The document is the same parsed DocumentNode for
 * every request with the same query (Apollo Server's document store) and the model is only read
 * from then on, so it is built once per schema and definition nodes. Calls with validation (query
 * planning, whose plans Apollo caches itself) go through unchanged.
 *
 * With the model the same from one request to the next, the shaping of the response reads it once
 * per selection set (result-shaping.ts replaces Apollo Gateway's computeResponse).
 *
 * Apollo Gateway reads `operationFromDocument` and `computeResponse` from the modules' exports at
 * each call, so replacing the exports is enough; nothing in node_modules is edited. Written against
 * @apollo/gateway 2.14 (execution.spec.ts compares the responses with Apollo's own functions).
 */
export function memoizeExecutionOperations(): void {
  if (installed) return;
  installed = true;
  // the modules' exports objects themselves (CommonJS with __esModule: a namespace import is the object)
  const shaping = shapingModule as unknown as { computeResponse: typeof computeResponse };
  shaping.computeResponse = computeResponse;
  const operations = operationsModule as unknown as { operationFromDocument: OperationFromDocument };
  const original = operations.operationFromDocument;
  const memo = new WeakMap<object, Level>();
  operations.operationFromDocument = function operationFromDocument(schema, document, options) {
    if (options?.validate !== false || options.operationName !== undefined) return original(schema, document, options);
    let level = memo.get(schema);
    if (!level) memo.set(schema, (level = { next: new WeakMap() }));
    for (const definition of document.definitions) {
      let next = level.next.get(definition);
      if (!next) level.next.set(definition, (next = { next: new WeakMap() }));
      level = next;
    }
    return (level.operation ??= original(schema, document, options));
  };
}
