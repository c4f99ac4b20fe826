import { GraphQLError } from 'graphql';
import { isSelfOrStaff, isStaff } from '../../../../platform/graphql/authorization';
import type { BaseContext } from '../../../../platform/context';

/** An order is its customer's and staff's to read; a guest order staff's only. */
export function canRead(ctx: Pick<BaseContext, 'identity'>, order: { userId: string | null }): boolean {
  return order.userId ? isSelfOrStaff(ctx.identity, order.userId) : isStaff(ctx);
}

/** The error beside a null order: the same whether it does not exist or is someone else's. */
export const orderNotFound = () => new GraphQLError('No such order of yours', { extensions: { code: 'NOT_FOUND' } });
