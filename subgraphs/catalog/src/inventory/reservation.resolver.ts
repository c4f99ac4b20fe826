import { Arg, Ctx, Directive, Int, Mutation, Resolver } from 'type-graphql';
import { ServiceOnly } from '../../../../platform/graphql/authorization';
import type { CatalogContext } from '../context';
import * as reservations from './reservation.service';
import { INTERNAL, ReturnStockPayload, StockLineInput, StockReservationPayload } from './reservation.type';

/**
 * The checkout's stock operations. @inaccessible: the gateway never exposes them, and they answer
 * only the services named in STOCK_CALLERS (FORBIDDEN for the gateway's clients and any other caller).
 */
/** The services that run checkouts, cancellations and returns. */
const STOCK_CALLERS = ['orders'] as const;

@Resolver()
export class ReservationResolver {
  @ServiceOnly(...STOCK_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => StockReservationPayload, {
    description:
      'Internal. Reserves every line or none for `reference`; a HELD reservation is released automatically after ttlSeconds (default 600). Repeating a reference with the same lines returns the existing reservation; with other lines, RESERVATION_REFERENCE_REUSED. userErrors: INVALID, NOT_FOUND, PRODUCT_UNAVAILABLE, OUT_OF_STOCK, RESERVATION_REFERENCE_REUSED.',
  })
  reserveStock(
    @Arg('reference', { description: 'The caller\'s unique reference, e.g. the order id.' }) reference: string,
    @Arg('lines', () => [StockLineInput], { description: 'What to reserve.' }) lines: StockLineInput[],
    @Arg('ttlSeconds', () => Int, { nullable: true, description: 'Seconds until an uncommitted reservation is released, 1 to 86,400; default 600.' }) ttlSeconds: number | null,
    @Ctx() ctx: CatalogContext,
  ) {
    return reservations.reserveStock(ctx, reference, lines, ttlSeconds);
  }

  @ServiceOnly(...STOCK_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => StockReservationPayload, {
    description: 'Internal. Turns a HELD reservation into a sale (SALE movements). Idempotent. userErrors: NOT_FOUND, RESERVATION_NOT_HELD (released or expired).',
  })
  commitReservation(@Arg('reference', { description: 'The reference given to reserveStock.' }) reference: string, @Ctx() ctx: CatalogContext) {
    return reservations.commitReservation(ctx, reference);
  }

  @ServiceOnly(...STOCK_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => StockReservationPayload, {
    description:
      'Internal. Gives the units back: a HELD reservation is released (RELEASE), a COMMITTED one returns its sold units to stock (RETURN, e.g. a cancelled order). Idempotent. userErrors: NOT_FOUND.',
  })
  releaseReservation(
    @Arg('reference', { description: 'The reference given to reserveStock.' }) reference: string,
    @Arg('reason', () => String, { nullable: true, description: 'Kept in the stock ledger; default "released".' }) reason: string | null,
    @Ctx() ctx: CatalogContext,
  ) {
    return reservations.releaseReservation(ctx, { reference }, (reason ?? 'released').slice(0, 500));
  }

  @ServiceOnly(...STOCK_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => ReturnStockPayload, {
    description: 'Internal. Puts returned units back on hand in the default warehouse (RETURN), once per reference. userErrors: INVALID, NOT_FOUND.',
  })
  returnStock(
    @Arg('reference', { description: 'A unique reference of the return, e.g. the return request id.' }) reference: string,
    @Arg('lines', () => [StockLineInput], { description: 'What came back.' }) lines: StockLineInput[],
    @Ctx() ctx: CatalogContext,
  ) {
    return reservations.returnStock(ctx, reference, lines);
  }
}
