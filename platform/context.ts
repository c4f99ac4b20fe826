import type { Identity } from './auth/roles';
import type { Database } from './db/data-source';
import type { Positions } from './db/positions';
import { RequestDb } from './db/request-db';
import type { Logger } from './logger';

/**
 * What every subgraph's context holds, in a request and in a queue job alike (a job's context has
 * `job`, no identity and the subgraph itself as caller): a service or saga step takes it first and
 * runs the same way in both. Each subgraph adds its loaders and services.
 */
export interface BaseContext {
  requestId: string;
  /** The signed-in user, as verified by the gateway; absent for guests. */
  identity?: Identity;
  /** Who called the subgraph, as its verified internal credential says: "gateway" or a subgraph name. */
  caller: string;
  /** The end user's address and browser, as the gateway saw them (for the audit log). */
  client: ClientInfo;
  /** Per subgraph, the position its reads must see: the caller's, plus those of writes made through other subgraphs since. */
  positions: Positions;
  /** The positions of writes this request caused in other subgraphs (read back by the service client). */
  committed: Positions;
  db: RequestDb;
  log: Logger;
  /** The queue job this context serves; absent in requests. */
  job?: JobDelivery;
}

/** The delivery a job handler is running for. */
export interface JobDelivery {
  id: string;
  name: string;
  /** 1 for the first delivery. */
  attempt: number;
  /** No retry follows a failure of this delivery. */
  lastAttempt: boolean;
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
  /** The caller's consistency positions (all subgraphs). */
  positions: Positions;
  /** Writes caused elsewhere by this request; starts empty. */
  committed: Positions;
  /** This subgraph's own entry of `positions`: its reads must see its primary at least this far. */
  minLsn?: string;
  client: ClientInfo;
  log: Logger;
  job?: JobDelivery;
}

/**
 * The context every subgraph's own context is built on, for a request or a job. A job's writes do
 * not read the WAL position after commit: nobody receives a consistency token from a job.
 */
export function createBaseContext(database: Database, info: RequestInfo): BaseContext {
  return { ...info, db: new RequestDb(database, info.minLsn, { noteCommits: !info.job }) };
}
