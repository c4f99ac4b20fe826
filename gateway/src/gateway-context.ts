import type { Context as TraceContext } from '@opentelemetry/api';
import type { Identity } from '../../platform/auth/roles';
import type { ClientInfo } from '../../platform/context';
import type { Positions } from '../../platform/db/positions';
import type { Logger } from '../../platform/logger';

/** What the gateway knows about one request. */
export interface GatewayContext {
  requestId: string;
  identity?: Identity;
  client: ClientInfo;
  /**
   * Per subgraph, the caller's last known write positions (and those of this request's writes so
   * far): each subgraph reads its own database at least this far.
   */
  positions: Positions;
  /** Per subgraph, the positions of the writes this request caused. */
  committed: Positions;
  /** The catalog's latest write position while it is recent: catalog fetches read at least this far. */
  catalogMinLsn?: string;
  log: Logger;
  /** The request's span: subgraph fetches are its children. */
  traceContext?: TraceContext;
}

const MAKE_LOG = Symbol('makeLog');
/**
 * `log` as a getter on the prototype: Apollo Server copies the context of each operation with
 * Object.assign onto the same prototype, which would call an own getter (and make the logger of
 * every request); the copy shares the memoised maker instead.
 */
const WITH_LAZY_LOG = Object.freeze({
  get log(): Logger {
    return (this as unknown as { [MAKE_LOG]: () => Logger })[MAKE_LOG]();
  },
});

/** A request's context whose logger is made on first use: most requests never log. */
export function gatewayContext(fields: Omit<GatewayContext, 'log'>, makeLog: () => Logger): GatewayContext {
  let made: Logger | undefined;
  return Object.assign(Object.create(WITH_LAZY_LOG) as GatewayContext, fields, { [MAKE_LOG]: () => (made ??= makeLog()) });
}
