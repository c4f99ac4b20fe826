import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isSelfOrStaff, isStaff, ServiceOnly } from '../../../../platform/graphql/authorization';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import { DecimalScalar } from '../../../../platform/graphql/scalars';
import { isUuid } from '../../../../platform/validation';
import type { PaymentsContext } from '../context';
import { Refund, toRefund } from '../refund/refund.type';
import { authorizePayment } from './authorize.service';
import { capturePayment, voidPayment } from './capture-void.service';
import { Order } from './order.type';
import type { PaymentResult } from './payment-result';
import { INTERNAL, PaymentOperationPayload } from './payment.payloads';
import { Payment, toPayment } from './payment.type';
import { reconcilePayment } from './reconcile.service';

/** The services that run checkouts and cancellations. */
export const PAYMENT_CALLERS = ['orders'] as const;

const payload = (r: PaymentResult): PaymentOperationPayload =>
  Object.assign(new PaymentOperationPayload(), { payment: r.payment && toPayment(r.payment), declineCode: r.declineCode, userErrors: r.userErrors });

@ArgsType()
class AuthorizePaymentArgs {
  @Field(() => ID, { description: 'The order paid for.' })
  orderId!: string;

  @Field(() => DecimalScalar, { description: 'The amount to hold, e.g. "19.99" (positive, at most 2 decimals).' })
  amount!: string;

  @Field({ description: 'ISO 4217, e.g. "USD".' })
  currencyCode!: string;

  @Field({ description: "The token of the provider's card form (simulated: tok_visa, tok_mastercard, tok_chargeDeclined, tok_insufficientFunds, tok_timeout)." })
  paymentToken!: string;

  @Field({ description: 'Unique per authorization attempt, 1 to 200 characters: repeating it returns the first result.' })
  idempotencyKey!: string;

  @Field(() => ID, { nullable: true, description: 'The customer paying; Order.payment is visible to them (and staff). Absent for a guest.' })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'Where refund notices go.' })
  email?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Keep the card (brand, last four, expiry) in the customer's saved cards once approved; needs userId." })
  savePaymentMethod?: boolean | null;
}

/**
 * The checkout's payment operations. @inaccessible: the gateway never exposes them, and they answer
 * only the services in PAYMENT_CALLERS (FORBIDDEN for the gateway's clients and any other caller).
 */
@Resolver()
export class PaymentOperationsResolver {
  @ServiceOnly(...PAYMENT_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => PaymentOperationPayload, {
    description:
      'Internal. Holds the amount on the card: AUTHORIZED, or FAILED when declined (PENDING when the provider did not answer). Idempotent by idempotencyKey. ' +
      'userErrors: INVALID, PAYMENT_DECLINED (declineCode says why), PROVIDER_UNAVAILABLE, IDEMPOTENCY_KEY_REUSED.',
  })
  async authorizePayment(@Args(() => AuthorizePaymentArgs) args: AuthorizePaymentArgs, @Ctx() ctx: PaymentsContext): Promise<PaymentOperationPayload> {
    return payload(await authorizePayment(ctx, args));
  }

  @ServiceOnly(...PAYMENT_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => PaymentOperationPayload, {
    description:
      'Internal. Charges the authorized amount (AUTHORIZED → CAPTURED). Give paymentId or orderId (its latest payment). Idempotent: a captured payment is returned unchanged. ' +
      'userErrors: INVALID (not AUTHORIZED, or both/neither ids), NOT_FOUND, PAYMENT_DECLINED, PROVIDER_UNAVAILABLE.',
  })
  async capturePayment(
    @Arg('paymentId', () => ID, { nullable: true, description: 'The payment.' }) paymentId: string | null,
    @Arg('orderId', () => ID, { nullable: true, description: 'Or the order: its latest payment.' }) orderId: string | null,
    @Arg('idempotencyKey', { description: '1 to 200 characters.' }) idempotencyKey: string,
    @Ctx() ctx: PaymentsContext,
  ): Promise<PaymentOperationPayload> {
    return payload(await capturePayment(ctx, { paymentId, orderId }, idempotencyKey));
  }

  @ServiceOnly(...PAYMENT_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => PaymentOperationPayload, {
    description:
      'Internal. Releases the hold (AUTHORIZED → VOIDED; a PENDING one is reconciled first). FAILED and VOIDED payments are returned unchanged. Idempotent. ' +
      'userErrors: INVALID (captured: refund it instead), NOT_FOUND, PAYMENT_DECLINED, PROVIDER_UNAVAILABLE.',
  })
  async voidPayment(
    @Arg('paymentId', () => ID, { nullable: true, description: 'The payment.' }) paymentId: string | null,
    @Arg('orderId', () => ID, { nullable: true, description: 'Or the order: its latest payment.' }) orderId: string | null,
    @Arg('idempotencyKey', { description: '1 to 200 characters.' }) idempotencyKey: string,
    @Ctx() ctx: PaymentsContext,
  ): Promise<PaymentOperationPayload> {
    return payload(await voidPayment(ctx, { paymentId, orderId }, idempotencyKey));
  }

  @ServiceOnly(...PAYMENT_CALLERS)
  @Directive(INTERNAL)
  @Mutation(() => PaymentOperationPayload, {
    description:
      "Internal. Brings the order's latest payment up to date with the provider where the local state is unknown (a PENDING authorization, a capture, void or refund whose answer was lost). " +
      'userErrors: NOT_FOUND, PAYMENT_DECLINED (the authorization was declined), PROVIDER_UNAVAILABLE (still unknown).',
  })
  async reconcilePayment(@Arg('orderId', () => ID, { description: 'The order.' }) orderId: string, @Ctx() ctx: PaymentsContext): Promise<PaymentOperationPayload> {
    return payload(await reconcilePayment(ctx, orderId));
  }

  @ServiceOnly(...PAYMENT_CALLERS)
  @Directive(INTERNAL)
  @Query(() => Payment, { nullable: true, description: "Internal. The order's latest payment as stored here (no provider call); null when there is none." })
  async paymentForOrder(@Arg('orderId', () => ID, { description: 'The order.' }) orderId: string, @Ctx() ctx: PaymentsContext): Promise<Payment | null> {
    if (!isUuid(orderId)) return null;
    const p = await ctx.loaders.paymentByOrder.load(orderId.toLowerCase());
    return p && toPayment(p);
  }
}

@Resolver(() => Order)
export class OrderPaymentResolver {
  @Directive(PRIVATE)
  @FieldResolver(() => Payment, {
    nullable: true,
    description: "The order's payment (its latest attempt). Visible to the customer who paid and to staff; null for anyone else, and before checkout asked for one.",
  })
  async payment(@Root() order: Order, @Ctx() ctx: PaymentsContext): Promise<Payment | null> {
    if (!isUuid(order.id)) return null;
    const p = await ctx.loaders.paymentByOrder.load(order.id.toLowerCase());
    if (!p) return null;
    const visible = p.userId ? isSelfOrStaff(ctx.identity, p.userId) : isStaff(ctx);
    return visible ? toPayment(p) : null;
  }
}

@Resolver(() => Payment)
export class PaymentFieldsResolver {
  @FieldResolver(() => [Refund], { description: 'Refunds of this payment, oldest first.' })
  async refunds(@Root() payment: Payment, @Ctx() ctx: PaymentsContext): Promise<Refund[]> {
    return (await ctx.loaders.refundsByPayment.load(payment.id)).map(toRefund);
  }
}
