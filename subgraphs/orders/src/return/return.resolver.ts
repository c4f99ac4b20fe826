import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Customer, Staff } from '../../../../platform/graphql/authorization';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { pageSize, toConnection, type Connection } from '../../../../platform/graphql/connection';
import { seqAfter } from '../../../../platform/paged-loader';
import type { OrdersContext } from '../context';
import { canRead } from '../order/order-access';
import { Order, toOrder } from '../order/order.type';
import { ReturnRequestEntity } from './return.entity';
import { RequestReturnInput, ReturnPageArgs } from './return.inputs';
import { RequestReturnPayload, UpdateReturnStatusPayload } from './return.payloads';
import { requestReturn, type ReturnResult } from './return-request.service';
import { ReturnStatus } from './return-status';
import { updateReturnStatus } from './return-status.service';
import { ReturnLine, ReturnRequest, ReturnRequestConnection, toReturnLine, toReturnRequest } from './return.type';

const payload = <P extends RequestReturnPayload | UpdateReturnStatusPayload>(Payload: new () => P, r: ReturnResult): P =>
  Object.assign(new Payload(), { returnRequest: r.returnRequest && toReturnRequest(r.returnRequest), userErrors: r.userErrors });

@Resolver()
export class ReturnMutationsResolver {
  @Customer()
  @Mutation(() => RequestReturnPayload, {
    description:
      'Asks to send back units of a DELIVERED order: the return is REQUESTED until staff approve or reject it. Customers their own orders, staff any. ' +
      'userErrors: INVALID, NOT_FOUND (the order, someone else\'s order, or a line not in it), ORDER_NOT_DELIVERED, RETURN_QUANTITY_EXCEEDED (more than bought minus what other returns hold, REJECTED ones aside).',
  })
  async requestReturn(@Arg('input', () => RequestReturnInput, { description: 'The order, the lines and quantities, the reason.' }) input: RequestReturnInput, @Ctx() ctx: OrdersContext): Promise<RequestReturnPayload> {
    return payload(RequestReturnPayload, await requestReturn(ctx, input));
  }

  @Staff()
  @Mutation(() => UpdateReturnStatusPayload, {
    description:
      'Staff: moves a return REQUESTED → APPROVED or REJECTED, APPROVED → RECEIVED, RECEIVED → REFUNDED; the customer is mailed on APPROVED, REJECTED and REFUNDED. ' +
      "RECEIVED refunds the lines once (unit price × quantity less their pro-rata share of the order's discount, plus the tax charged on that; shipping is not refunded) and puts the units back in stock once; " +
      'a receipt cut short is finished by repeating the request or by the reconcile job. Asking for the status the return has changes nothing. ' +
      'userErrors: NOT_FOUND, INVALID_RETURN_TRANSITION, RETURN_IN_PROGRESS (being received, or payments or catalog did not answer: finished in the background), REFUND_FAILED (payments refused: the return stays APPROVED, nothing went back to stock).',
  })
  async updateReturnStatus(
    @Arg('id', () => ID, { description: 'The return.' }) id: string,
    @Arg('status', () => ReturnStatus, { description: 'The status to move to.' }) status: ReturnStatus,
    @Ctx() ctx: OrdersContext,
  ): Promise<UpdateReturnStatusPayload> {
    return payload(UpdateReturnStatusPayload, await updateReturnStatus(ctx, id, status));
  }
}

@Resolver(() => ReturnRequest)
export class ReturnFieldsResolver {
  @Staff()
  @Directive(PRIVATE)
  @Query(() => ReturnRequestConnection, { description: 'Staff: every return, newest first, optionally in one status (REQUESTED: waiting for a decision).' })
  async returnRequests(@Args(() => ReturnPageArgs) { first, after, status }: ReturnPageArgs, @Ctx() ctx: OrdersContext): Promise<Connection<ReturnRequest>> {
    const limit = pageSize(first, 20, 100);
    const afterSeq = seqAfter(after);
    return ctx.db.read(async (m) => {
      const q = m.createQueryBuilder(ReturnRequestEntity, 'r');
      if (status) q.andWhere('r.status = :status', { status });
      const totalCount = await q.clone().getCount();
      if (afterSeq) q.andWhere('r.seq < :seq', { seq: afterSeq });
      const rows = await q.orderBy('r.seq', 'DESC').limit(limit + 1).getMany();
      return toConnection(rows, limit, totalCount, (r) => [r.seq], toReturnRequest, afterSeq !== null);
    });
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order returned from (null for a caller who may not read it).' })
  async order(@Root() r: ReturnRequest, @Ctx() ctx: OrdersContext): Promise<Order | null> {
    const row = await ctx.loaders.orderById.load(r.orderId);
    return row && canRead(ctx, row) ? toOrder(row) : null;
  }

  @FieldResolver(() => [ReturnLine], { description: 'What is sent back, in the order asked.' })
  async lines(@Root() r: ReturnRequest, @Ctx() ctx: OrdersContext): Promise<ReturnLine[]> {
    return (await ctx.loaders.linesByReturn.load(r.id)).map((l) => toReturnLine(l, r));
  }
}

@Resolver(() => Order)
export class OrderReturnsResolver {
  @Directive(PRIVATE)
  @FieldResolver(() => [ReturnRequest], { description: 'The returns asked for this order, oldest first (visible with the order: its customer and staff).' })
  async returns(@Root() order: Order, @Ctx() ctx: OrdersContext): Promise<ReturnRequest[]> {
    return (await ctx.loaders.returnsByOrder.load(order.id)).map(toReturnRequest);
  }
}
