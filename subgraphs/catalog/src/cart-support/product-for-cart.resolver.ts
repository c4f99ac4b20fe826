import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import { ServiceOnly } from '../../../../platform/graphql/authorization';
import { isUuid } from '../../../../platform/validation';
import type { CatalogContext } from '../context';
import type { ProductRow } from '../product/product-row';
import { ProductForCart } from './product-for-cart.type';

const MAX_IDS = 1000;

/**
 * Internal, for the cart subgraph: status, current price, available units and weight of many
 * products in one call (the loaders make it one cache read and at most two statements).
 */
@Resolver()
export class ProductForCartResolver {
  @Directive('@inaccessible')
  @ServiceOnly('cart', 'orders')
  @Query(() => [ProductForCart], {
    description: `Internal (the cart and orders subgraphs). The products named by ids, in no particular order; unknown or malformed ids are left out. At most ${MAX_IDS} ids.`,
  })
  async productsForCart(@Arg('ids', () => [ID], { description: 'Product ids.' }) ids: string[], @Ctx() ctx: CatalogContext): Promise<ProductForCart[]> {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))].slice(0, MAX_IDS);
    if (!wanted.length) return [];
    const [rows, available] = await Promise.all([ctx.loaders.productById.loadMany(wanted), ctx.loaders.availableByProduct.loadMany(wanted)]);
    return rows.flatMap((row, i) => {
      if (!row || row instanceof Error) return [];
      const units = available[i];
      return [toProductForCart(row, typeof units === 'number' ? units : 0)];
    });
  }
}

function toProductForCart(row: ProductRow, available: number): ProductForCart {
  return Object.assign(new ProductForCart(), {
    id: row.id,
    name: row.name,
    sku: row.sku,
    status: row.status,
    price: row.effectivePrice,
    currencyCode: row.currencyCode,
    available: Math.max(0, available),
    weight: row.weight,
  });
}
