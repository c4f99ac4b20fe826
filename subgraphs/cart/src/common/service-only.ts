import type { BaseContext } from '../../../../platform/context';
import { forbidden } from '../../../../platform/graphql/auth-checker';

/** Internal operations answer services only (a service credential), never the gateway's clients. */
export function requireService(ctx: Pick<BaseContext, 'caller'>): void {
  if (ctx.caller === 'gateway') throw forbidden('This operation is internal: only services may call it');
}

/** Marks a type or field internal: composed into the supergraph, never exposed by the gateway. */
export const INTERNAL = '@inaccessible';
