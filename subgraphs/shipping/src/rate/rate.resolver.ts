import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { PRIVATE } from '../../../../platform/graphql/cache-hints';
import type { ShippingContext } from '../context';
import { ShippingRate } from '../zone/zone.type';
import { shippingRates } from './rate.service';

@Resolver(() => ShippingRate)
export class ShippingRateResolver {
  @Directive(PRIVATE)
  @Query(() => [ShippingRate], {
    description:
      'What delivering a cart to an address costs with each method of the address\'s zone, cheapest first (priced by the cart\'s total weight and subtotal). A postal-code zone (e.g. ZIP codes starting with 9) wins over a country-wide one. A country no zone covers → []. A malformed countryCode or postalCode → BAD_USER_INPUT; an unknown cart → NOT_FOUND. Anyone may ask; never cached.',
  })
  shippingRates(
    @Ctx() ctx: ShippingContext,
    @Arg('cartId', () => ID, { description: 'The cart to price (a guest holds it by id).' }) cartId: string,
    @Arg('countryCode', () => String, { description: 'ISO 3166-1 alpha-2 code of the destination country, e.g. "US" (case does not matter).' }) countryCode: string,
    @Arg('postalCode', () => String, { nullable: true, description: 'The destination postal code, e.g. "94105"; spaces and dashes are ignored.' }) postalCode?: string | null,
  ): Promise<ShippingRate[]> {
    return shippingRates(ctx, cartId, countryCode, postalCode);
  }
}
