import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Customer, SelfOrStaff, Staff } from '../../../../platform/graphql/authorization';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { pageSize, toConnection, type Connection } from '../../../../platform/graphql/connection';
import { seqAfter, seqConnection } from '../../../../platform/paged-loader';
import { isUuid } from '../../../../platform/validation';
import type { OrdersContext } from '../context';
import { OrderEntity } from './order.entity';
import { canRead, orderNotFound } from './order-access';
import { OrderFilter } from './order.inputs';
import { Order, OrderConnection, OrderLine, OrderStatusEntry, toOrder, toOrderLine, toStatusEntry, User } from './order.type';

const MAX_PAGE = 100;
/** A customer's orders are heavy nodes (lines, payment, shipments): at most 50 a page keeps MyOrders within the gateway's cost limit. */
const MAX_CUSTOMER_PAGE = 50;

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: 0 to 50 for a customer\'s orders (default 10), 0 to 100 for staff (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (an endCursor).' })
  after?: string | null;
}

@Resolver(() => Order)
export class OrderResolver {
  @Customer()
  @Directive(PRIVATE)
  @Query(() => Order, { nullable: true, description: "One order: its customer's or, for staff, anyone's. Someone else's order is null with a NOT_FOUND error." })
  async order(@Arg('id', () => ID, { description: 'The order.' }) id: string, @Ctx() ctx: OrdersContext): Promise<Order | null> {
    const row = isUuid(id) ? await ctx.loaders.orderById.load(id.toLowerCase()) : null;
    if (!row || !canRead(ctx, row)) throw orderNotFound();
    return toOrder(row);
  }

  @Staff()
  @Directive(PRIVATE)
  @Query(() => OrderConnection, { description: 'Staff: every order, newest first, filtered by status, customer email and date range.' })
  async orders(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => OrderFilter, { nullable: true, description: 'Conditions; all must hold.' }) filter: OrderFilter | null,
    @Ctx() ctx: OrdersContext,
  ): Promise<Connection<Order>> {
    const limit = pageSize(first, 20, MAX_PAGE);
    const afterSeq = seqAfter(after);
    return ctx.db.read(async (m) => {
      const q = m.createQueryBuilder(OrderEntity, 'o');
      if (filter?.status) q.andWhere('o.status = :status', { status: filter.status });
      if (filter?.customerEmail) q.andWhere('lower(o.email) = lower(:email)', { email: filter.customerEmail.trim() });
      if (filter?.createdAfter) q.andWhere('o.created_at >= :after', { after: filter.createdAfter });
      if (filter?.createdBefore) q.andWhere('o.created_at < :before', { before: filter.createdBefore });
      const totalCount = await q.clone().getCount();
      if (afterSeq) q.andWhere('o.seq < :seq', { seq: afterSeq });
      const rows = await q.orderBy('o.seq', 'DESC').limit(limit + 1).getMany();
      return toConnection(rows, limit, totalCount, (r) => [r.seq], toOrder, afterSeq !== null);
    });
  }

  @FieldResolver(() => [OrderLine], { description: 'What was bought, in cart order.' })
  async lines(@Root() order: Order, @Ctx() ctx: OrdersContext): Promise<OrderLine[]> {
    return (await ctx.loaders.linesByOrder.load(order.id)).map((l) => toOrderLine(l, order.currencyCode));
  }

  @FieldResolver(() => [OrderStatusEntry], { description: 'Every status the order took, oldest first.' })
  async statusHistory(@Root() order: Order, @Ctx() ctx: OrdersContext): Promise<OrderStatusEntry[]> {
    return (await ctx.loaders.historyByOrder.load(order.id)).map(toStatusEntry);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The customer; null for a guest checkout.' })
  customer(@Root() order: Order): User | null {
    return order.userId ? Object.assign(new User(), { id: order.userId }) : null;
  }
}

@Resolver(() => User)
export class UserOrdersResolver {
  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => OrderConnection, { description: "The customer's orders, newest first, at most 50 a page. Only the customer themself and staff can read them." })
  async orders(@Root() user: User, @Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: OrdersContext): Promise<Connection<Order>> {
    const limit = pageSize(first, 10, MAX_CUSTOMER_PAGE);
    const afterSeq = seqAfter(after);
    if (!isUuid(user.id)) return seqConnection([], limit, 0, toOrder, false);
    const [rows, total] = await Promise.all([ctx.loaders.ordersByUser.load(user.id.toLowerCase(), limit + 1, afterSeq), ctx.loaders.orderCountByUser.load(user.id.toLowerCase())]);
    return seqConnection(rows, limit, total, toOrder, afterSeq !== null);
  }
}
