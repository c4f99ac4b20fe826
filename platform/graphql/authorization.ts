import { Authorized, UseMiddleware, createMethodMiddlewareDecorator, type MiddlewareFn } from 'type-graphql';
import { Role, type Identity } from '../auth/roles';
import type { BaseContext } from '../context';
import { forbidden } from './auth-checker';
import './role-enum';

/**
 * Who may call an operation or read a field, as decorators on resolvers and object types:
 *
 * - `@Customer()`                a signed-in user (UNAUTHENTICATED otherwise)
 * - `@Staff()`                   a signed-in user with role ADMIN (FORBIDDEN for others)
 * - `@ServiceOnly('orders', …)`  internal operations: only the listed services (a service caller is
 *                                named after its subgraph; the gateway's caller is 'gateway')
 * - `@SelfOrStaff()`             a user's private field: the user themself or staff; the owner is
 *                                the parent object's `id` unless `ownerOf` says otherwise
 *
 * `@Customer` and `@Staff` go through type-graphql's `@Authorized` and the schema's authChecker, so
 * they work on a resolver class as well as on a method.
 */

/** A signed-in user. */
export const Customer = () => Authorized();

/** A signed-in user with role ADMIN. */
export const Staff = () => Authorized(Role.ADMIN);

/** Whether the caller is staff (role ADMIN): staff see every status and private data. */
export function isStaff(ctx: Pick<BaseContext, 'identity'>): boolean {
  return !!ctx.identity?.roles.includes(Role.ADMIN);
}

/** Whether `viewer` is the user `userId` or staff. */
export function isSelfOrStaff(viewer: Identity | undefined, userId: string): boolean {
  return !!viewer && (viewer.userId === userId || viewer.roles.includes(Role.ADMIN));
}

/** Only the named services, never the gateway's clients nor another service. */
export function ServiceOnly(...callers: [string, ...string[]]): MethodDecorator {
  if (callers.includes('gateway')) throw new Error('ServiceOnly lists services; the gateway is not one');
  const allowed = new Set(callers);
  return createMethodMiddlewareDecorator<BaseContext>(({ context }, next) => {
    if (!allowed.has(context.caller)) throw forbidden('This operation is internal: only services may call it');
    return next();
  });
}

/** The user themself or staff; the owner is the parent's `id` unless `ownerOf` gives it. */
export function SelfOrStaff<R = { id: string }>(ownerOf: (root: R) => string = (root) => (root as { id: string }).id) {
  const check: MiddlewareFn<BaseContext> = ({ root, context }, next) => {
    if (isSelfOrStaff(context.identity, ownerOf(root as R))) return next();
    throw forbidden("Only the account's owner and staff can read this field");
  };
  return UseMiddleware(check);
}
