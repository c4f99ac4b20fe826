import type { Context as TraceContext } from '@opentelemetry/api';
import type { Identity } from '../../platform/auth/roles';
import type { ClientInfo } from '../../platform/context';
import type { Logger } from '../../platform/logger';

/** What the gateway knows about one request. */
export interface GatewayContext {
  requestId: string;
  identity?: Identity;
  client: ClientInfo;
  /** The caller's last known write position: subgraphs read at least this far. */
  minLsn?: string;
  /** The furthest write position any subgraph reported for this request. */
  committedLsn?: string;
  /** The catalog's latest write position while it is recent: catalog fetches read at least this far. */
  catalogMinLsn?: string;
  /** The position of a catalog write this request made. */
  catalogCommittedLsn?: string;
  /** The internal credential for this request's subgraph calls, signed once. */
  internalToken?: string;
  log: Logger;
  /** The request's span: subgraph fetches are its children. */
  traceContext?: TraceContext;
}
