import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Staff } from '../../../../platform/graphql/authorization';
import type { CartContext } from '../context';
import { createDiscount } from './discount.service';
import { CreateDiscountCodeInput, DiscountCodePayload, type DiscountCode } from './discount.type';

@Resolver()
export class DiscountResolver {
  @Staff()
  @Mutation(() => DiscountCodePayload, { description: 'Staff (role ADMIN). Creates a discount code. userErrors: INVALID, TAKEN (the code exists, in any case).' })
  async createDiscountCode(
    @Arg('input', () => CreateDiscountCodeInput, { description: 'The code and its rules.' }) input: CreateDiscountCodeInput,
    @Ctx() ctx: CartContext,
  ): Promise<DiscountCodePayload> {
    const result = await createDiscount(ctx, input);
    return { discountCode: result.discount as unknown as DiscountCode | null, userErrors: result.userErrors };
  }
}
