import type { ApolloServerPlugin, BaseContext, GraphQLRequest, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
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

/**
 * The request's cost, computed once (the cost limit and the rate limiter both ask for it, from
 * hooks that run side by side), and whether it is over `maxCost`.
 */
export function requestCost(rc: GraphQLRequestContextDidResolveOperation<BaseContext>, maxCost: number): { requested: number; overLimit: boolean } {
  let cost = costs.get(rc.request);
  if (!cost) {
    try {
      cost = { requested: operationCost(rc.schema, rc.document, rc.request.variables ?? {}, rc.operation?.name?.value), tooLarge: false };
    } catch (error) {
      cost = { requested: 0, tooLarge: error instanceof CostEstimateError && error.tooLarge };
    }
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
