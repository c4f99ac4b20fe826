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
  /** The internal credential for this request's subgraph calls, signed once. */
  internalToken?: string;
  log: Logger;
}
