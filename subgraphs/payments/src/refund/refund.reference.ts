import { isSelfOrStaff, isStaff } from '../../../../platform/graphql/authorization';
import { isUuid } from '../../../../platform/validation';
import type { PaymentsContext } from '../context';
import { toRefund, type Refund } from './refund.type';

/**
 * A Refund reference (e.g. a return's refund, held by orders) resolves for the customer who paid and
 * for staff; for anyone else, and for an unknown id, it is null. Two loaders: the refund, its payment.
 */
export async function resolveRefund(reference: { id: string }, ctx: PaymentsContext): Promise<Refund | null> {
  if (!isUuid(reference.id)) return null;
  const refund = await ctx.loaders.refundById.load(reference.id.toLowerCase());
  const payment = refund && (await ctx.loaders.paymentById.load(refund.paymentId));
  if (!refund || !payment) return null;
  const visible = payment.userId ? isSelfOrStaff(ctx.identity, payment.userId) : isStaff(ctx);
  return visible ? toRefund(refund) : null;
}
