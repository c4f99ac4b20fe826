import { GraphQLError } from 'graphql';
import { Role } from '../../../../platform/auth/roles';
import type { BaseContext } from '../../../../platform/context';
import { forbidden } from '../../../../platform/graphql/auth-checker';
import { isUuid } from '../../../../platform/validation';

/** Staff (role ADMIN) see every product whatever its status, and the inventory. */
export function isStaff(ctx: Pick<BaseContext, 'identity'>): boolean {
  return !!ctx.identity?.roles.includes(Role.ADMIN);
}

/** Internal operations answer services only (a service credential), never the gateway's clients. */
export function requireService(ctx: Pick<BaseContext, 'caller'>): void {
  if (ctx.caller === 'gateway') throw forbidden('This operation is internal: only services may call it');
}

/** An id argument that must be a UUID: anything else is a client mistake, not "not found". */
export function uuidArg(value: string, argumentName: string): string {
  if (!isUuid(value)) {
    throw new GraphQLError(`${argumentName} must be an id returned by this API (a UUID), got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  return value.toLowerCase();
}
