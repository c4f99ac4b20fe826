import { GraphQLError } from 'graphql';
import { sqlOne } from '../../../../platform/db/sql';
import { money } from '../../../../platform/graphql/types';
import { readCartSummary } from '../cart/cart-summary';
import type { ShippingContext } from '../context';
import { ZONE_COLUMNS, type ZoneRow } from '../zone/zone-row';
import { ShippingMethodEntity } from '../zone/zone.entities';
import { normalizePostalCode } from '../zone/zone.rules';
import type { ShippingRate } from '../zone/zone.type';
import { cheapestFirst, priceFor } from './rate-price';

function badInput(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

/** The arguments of shippingRates, normalised; malformed ones are the client's mistake (BAD_USER_INPUT). */
export function rateArgs(cartId: string, countryCode: string, postalCode?: string | null): { cartId: string; country: string; postal: string | null } {
  const country = countryCode.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) throw badInput(`countryCode must be an ISO 3166-1 alpha-2 code such as "US", got ${JSON.stringify(countryCode)}`, 'countryCode');
  const postal = postalCode ? normalizePostalCode(postalCode) : '';
  if (postal && !/^[A-Z0-9]{1,12}$/.test(postal)) throw badInput(`postalCode must be letters and digits, got ${JSON.stringify(postalCode)}`, 'postalCode');
  const id = cartId.trim();
  if (!id || id.length > 100) throw badInput('cartId must be a cart id', 'cartId');
  return { cartId: id, country, postal: postal || null };
}

/**
 * The zone an address falls in: among zones listing the country, one whose postal prefix matches
 * (the longest prefix wins) over one without prefixes (the whole country); ties go to the zone
 * with fewer countries, then by name.
 */
export async function zoneFor(ctx: ShippingContext, country: string, postal: string | null): Promise<ZoneRow | null> {
  const zone = await ctx.db.read((m) =>
    sqlOne<ZoneRow>(
      m,
      `SELECT ${ZONE_COLUMNS}, match.len
         FROM shipping_zones z
         CROSS JOIN LATERAL (
           SELECT CASE WHEN cardinality(z.postal_prefixes) = 0 THEN 0
                       ELSE (SELECT max(length(p)) FROM unnest(z.postal_prefixes) p WHERE $2::text IS NOT NULL AND starts_with($2::text, p)) END AS len
         ) match
        WHERE $1 = ANY (z.country_codes) AND match.len IS NOT NULL
        ORDER BY match.len DESC, cardinality(z.country_codes), z.name
        LIMIT 1`,
      [country, postal],
    ),
  );
  return zone ?? null;
}

/** Rates of every active method of the address's zone that takes the cart, cheapest first. */
export async function shippingRates(ctx: ShippingContext, cartId: string, countryCode: string, postalCode?: string | null): Promise<ShippingRate[]> {
  const args = rateArgs(cartId, countryCode, postalCode);
  const zone = await zoneFor(ctx, args.country, args.postal);
  if (!zone) return [];
  const [cart, methods] = await Promise.all([
    readCartSummary(ctx, args.cartId),
    ctx.db.read((m) => m.findBy(ShippingMethodEntity, { zoneId: zone.id, isActive: true })),
  ]);
  if (!cart) throw new GraphQLError('No cart has this id', { extensions: { code: 'NOT_FOUND', argumentName: 'cartId' } });
  const tiers = await ctx.loaders.tiersByMethodId.loadMany(methods.map((m) => m.id));
  const rates = methods.flatMap((method, i) => {
    const methodTiers = tiers[i];
    if (methodTiers instanceof Error) throw methodTiers;
    const price = priceFor({ ...method, tiers: methodTiers }, { subtotal: cart.subtotal.amount, weightKg: cart.weight, currencyCode: cart.currencyCode });
    return price === null ? [] : [{ method, price, name: method.name, estimatedDaysMin: method.estimatedDaysMin, estimatedDaysMax: method.estimatedDaysMax }];
  });
  return cheapestFirst(rates).map((r) => ({
    method: r.method,
    price: money(r.price, cart.currencyCode),
    estimatedDaysMin: r.estimatedDaysMin,
    estimatedDaysMax: r.estimatedDaysMax,
  }));
}
