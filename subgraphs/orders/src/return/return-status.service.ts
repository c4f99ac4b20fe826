import { userError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { OrderEntity } from '../order/order.entity';
import { ReturnRequestEntity } from './return.entity';
import { ReturnError } from './return.errors';
import { publishReturnUpdated } from './return-events';
import { receiveReturn } from './return-receipt';
import { returnFailed, type ReturnResult } from './return-request.service';
import { canMove, ReturnStatus } from './return-status';

/**
 * Staff move a return: REQUESTED → APPROVED or REJECTED, APPROVED → RECEIVED (the receipt: refund
 * and stock return, return-receipt.ts), RECEIVED → REFUNDED. Asking for the status the return
 * already has changes nothing and answers it without an error (a retried request). Any other move
 * is INVALID_RETURN_TRANSITION. Each move publishes return.updated in its transaction.
 */
export async function updateReturnStatus(ctx: OrdersContext, id: string, status: ReturnStatus): Promise<ReturnResult> {
  const returnId = isUuid(id) ? id.toLowerCase() : null;
  if (!returnId) return returnFailed(userError(ReturnError.NOT_FOUND, 'No such return', 'id'));
  if (status === ReturnStatus.RECEIVED) return receiveReturn(ctx, returnId);
  return ctx.db.write(async (m): Promise<ReturnResult> => {
    const r = await m.findOne(ReturnRequestEntity, { where: { id: returnId }, lock: { mode: 'pessimistic_write' } });
    if (!r) return returnFailed(userError(ReturnError.NOT_FOUND, 'No such return', 'id'));
    if (r.status === status) return { returnRequest: r, userErrors: [] };
    if (!canMove(r.status, status)) {
      return { returnRequest: r, userErrors: [userError(ReturnError.INVALID_RETURN_TRANSITION, `A ${r.status} return cannot become ${status}`, 'status')] };
    }
    await m.update(ReturnRequestEntity, { id: r.id }, { status });
    const moved = await m.findOneByOrFail(ReturnRequestEntity, { id: r.id });
    const order = await m.findOneByOrFail(OrderEntity, { id: r.orderId });
    await publishReturnUpdated(m, moved, order, status);
    return { returnRequest: moved, userErrors: [] };
  });
}
