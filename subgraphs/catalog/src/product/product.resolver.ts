import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLError } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Directive, Field, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import { markPrivate } from '../../../../platform/graphql/cache-hints';
import { PUBLIC } from '../common/cache-hints';
import { isStaff, Staff } from '../../../../platform/graphql/authorization';
import { uuidArg } from '../../../../platform/graphql/args';
import type { CatalogContext } from '../context';
import { listProducts, MAX_PAGE } from './product-list';
import type { ProductRow } from './product-row';
import { ProductStatus } from './product-status';
import { CreateProductInput, ProductFilter, ProductSort, UpdateProductInput } from './product.inputs';
import { ProductPayload } from './product.payloads';
import * as products from './product.service';
import { Product, ProductConnection } from './product.type';

@ArgsType()
class ProductsArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 0 to ${MAX_PAGE} (default 20; more → BAD_USER_INPUT).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (an endCursor or edge cursor of the same sortBy); a malformed one → BAD_USER_INPUT.' })
  after?: string | null;

  @Field(() => ProductFilter, { nullable: true, description: 'Conditions the products must meet; none by default.' })
  filter?: ProductFilter | null;

  @Field(() => ProductSort, { nullable: true, description: 'The ordering; default RELEVANCE when filter.search is given, NEWEST otherwise.' })
  sortBy?: ProductSort | null;
}

/** A product the caller may see: customers and guests only see ACTIVE ones. */
export function visible(ctx: CatalogContext, product: ProductRow | null): ProductRow | null {
  return product && (product.status === ProductStatus.ACTIVE || isStaff(ctx)) ? product : null;
}

@Resolver(() => Product)
export class ProductResolver {
  @Directive(PUBLIC)
  @Query(() => ProductConnection, {
    description: 'Lists products: filter, sort and paginate with first/after. Customers and guests see ACTIVE products only; staff see every status (and may filter by it). Anyone may call it.',
  })
  products(@Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: CatalogContext, @Info() info: GraphQLResolveInfo) {
    if (isStaff(ctx)) markPrivate(info);
    return listProducts(ctx, args);
  }

  @Directive(PUBLIC)
  @Query(() => Product, {
    nullable: true,
    description: 'One product by id or by slug (give exactly one, else BAD_USER_INPUT). Null when there is no such product, or when it is not ACTIVE and the caller is not staff.',
  })
  async product(
    @Arg('id', () => ID, { nullable: true, description: 'The product id (a UUID; anything else → BAD_USER_INPUT).' }) id: string | null,
    @Arg('slug', () => String, { nullable: true, description: 'The product slug, as in its page address.' }) slug: string | null,
    @Ctx() ctx: CatalogContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProductRow | null> {
    if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) {
      throw new GraphQLError('Give exactly one of id and slug', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (isStaff(ctx)) markPrivate(info);
    const row = id ? await ctx.loaders.productById.load(uuidArg(id, 'id')) : await ctx.loaders.productBySlug.load(slug!);
    return visible(ctx, row);
  }

  @Staff()
  @Mutation(() => ProductPayload, {
    description: 'Creates a product (DRAFT unless status is given). Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED. userErrors: INVALID, TAKEN (slug or SKU), NOT_FOUND (brand or category).',
  })
  createProduct(@Arg('input', () => CreateProductInput, { description: 'The new product.' }) input: CreateProductInput, @Ctx() ctx: CatalogContext) {
    return products.createProduct(ctx, input);
  }

  @Staff()
  @Mutation(() => ProductPayload, {
    description: 'Changes a product; a new price or status is visible to every reader as soon as this returns. Staff only. userErrors: NOT_FOUND (product, brand, category), INVALID, TAKEN.',
  })
  updateProduct(
    @Arg('id', () => ID, { description: 'The product to change.' }) id: string,
    @Arg('input', () => UpdateProductInput, { description: 'The fields to change.' }) input: UpdateProductInput,
    @Ctx() ctx: CatalogContext,
  ) {
    return products.updateProduct(ctx, id, input);
  }
}
