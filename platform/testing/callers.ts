import { randomUUID } from 'node:crypto';
import { INTERNAL_TOKEN_HEADER, signInternalToken } from '../auth/internal-token';
import { Role, type Identity } from '../auth/roles';

/**
 * Who calls a subgraph in a test: the gateway on behalf of a guest or a signed-in user, or
 * another service (internal operations), named after the calling subgraph ('orders', not
 * 'orders-worker': a job and a request of a subgraph present the same name).
 */
export type Caller = { kind: 'guest' } | UserCaller | { kind: 'service'; name: string };

export interface UserCaller {
  kind: 'user';
  identity: Identity;
}

export const guest: Caller = { kind: 'guest' };

/** Any signed-in user, e.g. one whose tokens a test got by signing in. */
export const signedIn = (identity: Identity): UserCaller => ({ kind: 'user', identity });

/** A customer (a new random one by default). */
export const customer = (userId: string = randomUUID(), sessionId: string = randomUUID()): UserCaller =>
  signedIn({ userId, roles: [Role.CUSTOMER], sessionId });

/** A member of staff. */
export const admin: UserCaller = signedIn({ userId: randomUUID(), roles: [Role.ADMIN, Role.CUSTOMER], sessionId: randomUUID() });

/** Another subgraph (its requests and its worker's jobs alike). */
export const service = (name: string): Caller => ({ kind: 'service', name });

/** The headers `subgraph` receives from this caller. */
export function callerHeaders(internalSecret: string, subgraph: string, caller: Caller): Record<string, string> {
  const claims =
    caller.kind === 'service'
      ? { caller: caller.name, audience: subgraph }
      : { caller: 'gateway', audience: subgraph, identity: caller.kind === 'user' ? caller.identity : undefined };
  return { [INTERNAL_TOKEN_HEADER]: signInternalToken(internalSecret, claims) };
}
