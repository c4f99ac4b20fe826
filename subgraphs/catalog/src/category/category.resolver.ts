import { Arg, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { TAXONOMY } from '../common/cache-hints';
import { isStaff, Staff } from '../../../../platform/graphql/authorization';
import type { CatalogContext } from '../context';
import { CreateCategoryInput } from './category.inputs';
import { CategoryPayload } from './category.payloads';
import { createCategory } from './category.service';
import { Category } from './category.type';
import type { CategoryRow } from './taxonomy';

const shown = (ctx: CatalogContext) => (c: CategoryRow | undefined): c is CategoryRow => !!c && (c.isActive || isStaff(ctx));

@Resolver(() => Category)
export class CategoryResolver {
  @Directive(TAXONOMY)
  @Query(() => [Category], {
    description: 'The root categories, each with its children (and theirs, to any depth, through `children`). Inactive categories are listed for staff only. Anyone may call it.',
  })
  async categories(@Ctx() ctx: CatalogContext): Promise<CategoryRow[]> {
    return ((await ctx.taxonomy()).childrenOf.get(null) ?? []).filter(shown(ctx));
  }

  @Directive(TAXONOMY)
  @Query(() => Category, { nullable: true, description: 'One category by slug; null when unknown (or inactive, for anyone but staff).' })
  async category(@Arg('slug', { description: 'The category slug, e.g. "headphones".' }) slug: string, @Ctx() ctx: CatalogContext): Promise<CategoryRow | null> {
    const category = (await ctx.taxonomy()).categoryBySlug.get(slug);
    return shown(ctx)(category) ? category : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: 'The parent category; null for a root.' })
  async parent(@Root() c: CategoryRow, @Ctx() ctx: CatalogContext): Promise<CategoryRow | null> {
    if (!c.parentId) return null;
    return (await ctx.taxonomy()).categoryById.get(c.parentId) ?? null;
  }

  @FieldResolver(() => [Category], { description: 'The direct sub-categories, by sortOrder then name.' })
  async children(@Root() c: CategoryRow, @Ctx() ctx: CatalogContext): Promise<CategoryRow[]> {
    return ((await ctx.taxonomy()).childrenOf.get(c.id) ?? []).filter(shown(ctx));
  }

  @FieldResolver(() => [Category], { description: 'The path from the root down to the parent, for breadcrumbs; empty for a root.' })
  async ancestors(@Root() c: CategoryRow, @Ctx() ctx: CatalogContext): Promise<CategoryRow[]> {
    const taxonomy = await ctx.taxonomy();
    return c.path.split('/').filter(Boolean).slice(0, -1).map((id) => taxonomy.categoryById.get(id)).filter((x): x is CategoryRow => !!x);
  }

  @Staff()
  @Mutation(() => CategoryPayload, {
    description: 'Creates a category, as a root or under parentSlug, last among its siblings. Staff only: customers get FORBIDDEN, guests UNAUTHENTICATED. userErrors: INVALID, TAKEN, NOT_FOUND.',
  })
  createCategory(@Arg('input', () => CreateCategoryInput, { description: 'The new category.' }) input: CreateCategoryInput, @Ctx() ctx: CatalogContext) {
    return createCategory(ctx, input);
  }
}
