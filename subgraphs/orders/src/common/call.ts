import type { TypedDocumentNode } from '../../../../platform/service-client/service-client';
import type { OrdersContext } from '../context';

/**
 * Calls another subgraph's internal operation as orders. Every operation orders calls is
 * idempotent (by reference or key), so each is retried on a lost connection within the timeout.
 */
export function callService<R, V extends Record<string, unknown>>(ctx: OrdersContext, target: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  return ctx.deps.services.call(ctx, target, document, variables, { idempotent: true, timeoutMs: ctx.deps.config.serviceTimeoutMs });
}
