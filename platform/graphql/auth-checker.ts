import { GraphQLError } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Identity, Role } from '../auth/roles';

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Sign in first: this operation needs an access token', { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message = 'You are not allowed to do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** `@Authorized()` needs a signed-in user; `@Authorized(Role.ADMIN)` one of the listed roles. */
export const authChecker: AuthChecker<{ identity?: Identity }, Role> = ({ context }, roles) => {
  if (!context.identity) throw unauthenticated();
  if (roles.length && !roles.some((r) => context.identity!.roles.includes(r))) {
    throw forbidden('This operation is for staff (role ADMIN)');
  }
  return true;
};

export function requireIdentity(ctx: { identity?: Identity }): Identity {
  if (!ctx.identity) throw unauthenticated();
  return ctx.identity;
}
