import type { ApolloServerPlugin, BaseContext, GraphQLRequest, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { actualCost, CostEstimateError, costLimitError, operationCost } from './operation-cost';

/** What the rate limiter reports about the client's budget, echoed in `extensions.cost.throttleStatus`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  resetSeconds: number;
}

interface RequestCost {
  /** The operation's cost with its variables; 0 when the variables do not coerce (execution refuses them). */
  requested: number;
  /** The document expands past what the estimate visits: refused as too costly. */
  tooLarge: boolean;
  throttleStatus?: ThrottleStatus;
}

const costs = new WeakMap<GraphQLRequest, RequestCost>();

/** Variable sets remembered per document (its cost depends on them); past that, the memo starts over. */
const MAX_MEMO_VARIABLES = 64;

/**
 * Requested costs by document (Apollo Server parses a query string once and hands every request the
 * same DocumentNode), then by schema, operation name and variables.
 */
const memo = new WeakMap<DocumentNode, { schema: GraphQLSchema; costs: Map<string, Omit<RequestCost, 'throttleStatus'>> }>();

function memoizedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): Omit<RequestCost, 'throttleStatus'> {
  let entry = memo.get(document);
  if (!entry || entry.schema !== schema) memo.set(document, (entry = { schema, costs: new Map() }));
  const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
  let cost = entry.costs.get(key);
  if (!cost) {
    try {
      cost = { requested: operationCost(schema, document, variables, operationName), tooLarge: false };
    } catch (error) {
      cost = { requested: 0, tooLarge: error instanceof CostEstimateError && error.tooLarge };
    }
    if (entry.costs.size >= MAX_MEMO_VARIABLES) entry.costs.clear();
    entry.costs.set(key, cost);
  }
  return cost;
}

/**
 * The request's cost, computed once (the cost limit and the rate limiter both ask for it, from
 * hooks that run side by side), and whether it is over `maxCost`.
 */
export function requestCost(rc: GraphQLRequestContextDidResolveOperation<BaseContext>, maxCost: number): { requested: number; overLimit: boolean } {
  let cost = costs.get(rc.request);
  if (!cost) {
    cost = { ...memoizedCost(rc.schema, rc.document, rc.request.variables ?? {}, rc.operation?.name?.value) };
    costs.set(rc.request, cost);
  }
  return { requested: cost.requested, overLimit: cost.tooLarge || cost.requested > maxCost };
}

/** The rate limiter's report on the budget this request spent from. */
export function noteThrottleStatus(request: GraphQLRequest, status: ThrottleStatus): void {
  const cost = costs.get(request);
  if (cost) cost.throttleStatus = status;
}

/**
 * The cost limit, applied with the request's variables once the operation is resolved (before any
 * subgraph is called): over `maxCost` → GRAPHQL_VALIDATION_FAILED (HTTP 400). Every executed
 * response reports `extensions.cost`: requestedQueryCost, actualQueryCost (what the data held)
 * and the rate limiter's throttleStatus.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const cost = requestCost(rc, maxCost);
          if (cost.overLimit) throw costLimitError(maxCost, cost.requested || undefined);
        },
        async willSendResponse({ request, response, schema, document, operation, overallCachePolicy }) {
          const cost = costs.get(request);
          if (!cost || cost.tooLarge || cost.requested > maxCost || !document || !operation || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data === undefined) return;
          result.extensions = {
            ...result.extensions,
            cost: {
              requestedQueryCost: cost.requested,
              actualQueryCost: actualCost(schema, document, operation, result.data),
              // a response a shared cache may keep must not carry one client's budget
              ...(cost.throttleStatus && overallCachePolicy.policyIfCacheable()?.scope !== 'PUBLIC' ? { throttleStatus: cost.throttleStatus } : {}),
            },
          };
        },
      };
    },
  };
}
