import { Arg, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import { money } from '../../../../platform/graphql/types';
import { ServiceOnly } from '../../../../platform/graphql/authorization';
import type { CartContext } from '../context';
import { RedeemDiscountCodesPayload, ReleaseDiscountCodesPayload } from './discount.type';
import { redeemCodes, releaseCodes } from './redemption.service';

/** The checkout's use of discount codes (orders). @inaccessible and FORBIDDEN for any caller but orders. */
@Resolver()
export class RedemptionResolver {
  @Directive('@inaccessible')
  @ServiceOnly('orders')
  @Mutation(() => RedeemDiscountCodesPayload, {
    description:
      'Internal (orders, at checkout). Uses every code of the cart once for `reference`; never past a usage limit, even under concurrent checkouts. Idempotent per reference. userErrors: DISCOUNT_CODE_INVALID (a code of the cart does not apply: nothing redeemed), NOT_FOUND, INVALID.',
  })
  async redeemDiscountCodes(
    @Arg('reference', { description: "The checkout's unique reference, e.g. the order id." }) reference: string,
    @Arg('cartId', () => ID, { description: 'The cart whose codes to use.' }) cartId: string,
    @Arg('userId', () => ID, { nullable: true, description: "The customer (per-customer limits); default: the cart's customer." }) userId: string | null,
    @Ctx() ctx: CartContext,
  ): Promise<RedeemDiscountCodesPayload> {
    const r = await redeemCodes(ctx, reference, cartId, userId);
    return {
      redemptions: r.redemptions.map((x) => ({ code: x.code, amount: money(x.amount, x.currencyCode), released: x.released })),
      discountTotal: money(r.discountTotal, r.currencyCode),
      userErrors: r.userErrors,
    };
  }

  @Directive('@inaccessible')
  @ServiceOnly('orders')
  @Mutation(() => ReleaseDiscountCodesPayload, { description: 'Internal (orders, a failed or cancelled checkout). Gives back the uses of `reference`. Idempotent.' })
  async releaseDiscountCodes(
    @Arg('reference', { description: 'The reference given to redeemDiscountCodes.' }) reference: string,
    @Ctx() ctx: CartContext,
  ): Promise<ReleaseDiscountCodesPayload> {
    return { released: await releaseCodes(ctx, reference), userErrors: [] };
  }
}
