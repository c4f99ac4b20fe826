import { Arg, Ctx, Directive, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { pageSize } from '../../../../platform/graphql/connection';
import { PUBLIC } from '../common/cache-hints';
import type { CatalogContext } from '../context';
import { PRODUCT_COLUMNS, type ProductRow } from '../product/product-row';
import { Product } from '../product/product.type';
import { sql } from '../../../../platform/db/sql';

const MAX_BEST_SELLERS = 100;

@Directive(PUBLIC)
@ObjectType({ description: 'A product and how many units of it were sold in confirmed orders.' })
export class BestSeller {
  @Field(() => Int, { description: 'Units sold in confirmed orders, all time.' })
  quantitySold!: number;

  @Field(() => Product, { description: 'The product (always ACTIVE).' })
  product!: ProductRow;
}

@Resolver()
export class BestSellersResolver {
  @Directive(PUBLIC)
  @Query(() => [BestSeller], {
    description: `The ACTIVE products with the most units sold in confirmed orders, most first (ties: newest first); products never sold are not listed. Anyone may call it.`,
  })
  async bestSellers(
    @Arg('first', () => Int, { defaultValue: 10, description: `How many, 0 to ${MAX_BEST_SELLERS} (more → BAD_USER_INPUT).` }) first: number,
    @Ctx() ctx: CatalogContext,
  ): Promise<BestSeller[]> {
    const limit = pageSize(first, 10, MAX_BEST_SELLERS);
    const rows: ProductRow[] = await ctx.db.read((m) =>
      sql(m, `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.status = 'ACTIVE' AND p.units_sold > 0 ORDER BY p.units_sold DESC, p.seq DESC LIMIT $1`, [limit]),
    );
    return rows.map((product) => {
      ctx.loaders.productById.prime(product.id, product);
      return { quantitySold: product.unitsSold, product };
    });
  }
}
