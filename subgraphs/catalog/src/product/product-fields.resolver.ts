import { Ctx, Directive, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { money, Money } from '../../../../platform/graphql/types';
import { Brand } from '../brand/brand.type';
import { Category } from '../category/category.type';
import type { BrandRow, CategoryRow } from '../category/taxonomy';
import { INHERIT } from '../../../../platform/graphql/cache-hints';
import { STOCK } from '../common/cache-hints';
import { isStaff } from '../../../../platform/graphql/authorization';
import type { CatalogContext } from '../context';
import type { ProductRow } from './product-row';
import { Product } from './product.type';

/** The product's computed and related fields; each reads a per-request loader or the cached taxonomy. */
@Resolver(() => Product)
export class ProductFieldsResolver {
  @Directive(INHERIT)
  @FieldResolver(() => Money, { description: 'List price, e.g. { amount: "49.90", currencyCode: "USD" }.' })
  price(@Root() p: ProductRow): Money {
    return money(p.price, p.currencyCode);
  }

  @Directive(INHERIT)
  @FieldResolver(() => Money, { nullable: true, description: 'Sale price while the product is on sale (what the customer pays then); null otherwise.' })
  salePrice(@Root() p: ProductRow): Money | null {
    return p.salePrice === null ? null : money(p.salePrice, p.currencyCode);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The main image URL (the first of images); null when the product has no images.' })
  featuredImage(@Root() p: ProductRow): string | null {
    return p.images[0] ?? null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Mean rating of APPROVED reviews, 1.00 to 5.00 with 2 decimals; null while there are none.' })
  averageRating(@Root() p: ProductRow): number | null {
    return p.averageRating === null ? null : Number(p.averageRating);
  }

  @FieldResolver(() => [Category], { description: 'The categories the product is listed in, the main one first. Inactive ones are shown to staff only.' })
  async categories(@Root() p: ProductRow, @Ctx() ctx: CatalogContext): Promise<CategoryRow[]> {
    const taxonomy = await ctx.taxonomy();
    const staff = isStaff(ctx);
    return p.categoryIds.map((id) => taxonomy.categoryById.get(id)).filter((c): c is CategoryRow => !!c && (c.isActive || staff));
  }

  @FieldResolver(() => Brand, { nullable: true, description: 'The product\'s brand; null when it has none.' })
  async brand(@Root() p: ProductRow, @Ctx() ctx: CatalogContext): Promise<BrandRow | null> {
    if (!p.brandId) return null;
    return (await ctx.taxonomy()).brandById.get(p.brandId) ?? null;
  }

  @Directive(STOCK)
  @FieldResolver(() => Boolean, { description: 'True when at least one unit is available to buy now (on hand minus reserved, all warehouses).' })
  async inStock(@Root() p: ProductRow, @Ctx() ctx: CatalogContext): Promise<boolean> {
    return (await ctx.loaders.availableByProduct.load(p.id)) > 0;
  }

  @Directive(STOCK)
  @FieldResolver(() => Int, { description: 'Units available to buy now: on hand minus reserved by checkouts in progress, over all warehouses; never negative.' })
  async availableQuantity(@Root() p: ProductRow, @Ctx() ctx: CatalogContext): Promise<number> {
    return Math.max(0, await ctx.loaders.availableByProduct.load(p.id));
  }
}
