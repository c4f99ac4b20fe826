import type { Identity } from './auth/roles';
import type { RequestDb } from './db/request-db';
import type { Logger } from './logger';

/** What every subgraph's request context holds; each subgraph adds its loaders and services. */
export interface BaseContext {
  requestId: string;
  /** The signed-in user, as verified by the gateway; absent for guests. */
  identity?: Identity;
  /** Who called the subgraph: "gateway" or a service name. */
  caller: string;
  /** The end user's address and browser, as the gateway saw them (for the audit log). */
  client: ClientInfo;
  db: RequestDb;
  log: Logger;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** What the HTTP layer knows before a subgraph builds its context. */
export interface RequestInfo {
  requestId: string;
  identity?: Identity;
  caller: string;
  /** The consistency token: reads must see the primary at least at this WAL position. */
  minLsn?: string;
  client: ClientInfo;
  log: Logger;
}

export const HEADERS = {
  requestId: 'x-request-id',
  /** Gateway → subgraph: the caller's last write position. */
  minLsn: 'x-consistency-lsn',
  /** Subgraph → gateway: the position after this request's writes. */
  committedLsn: 'x-committed-lsn',
  /** Gateway → subgraph: the end user's address and user agent. */
  clientIp: 'x-client-ip',
  clientUserAgent: 'x-client-user-agent',
} as const;
