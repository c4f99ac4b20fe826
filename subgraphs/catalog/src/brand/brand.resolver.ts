import { Arg, Ctx, Directive, Query, Resolver } from 'type-graphql';
import { TAXONOMY } from '../common/cache-hints';
import type { CatalogContext } from '../context';
import type { BrandRow } from '../category/taxonomy';
import { Brand } from './brand.type';

@Resolver(() => Brand)
export class BrandResolver {
  @Directive(TAXONOMY)
  @Query(() => [Brand], { description: 'Every brand, by name. Anyone may call it.' })
  async brands(@Ctx() ctx: CatalogContext): Promise<BrandRow[]> {
    return (await ctx.taxonomy()).brands;
  }

  @Directive(TAXONOMY)
  @Query(() => Brand, { nullable: true, description: 'One brand by slug; null when unknown.' })
  async brand(@Arg('slug', { description: 'The brand slug, e.g. "acme".' }) slug: string, @Ctx() ctx: CatalogContext): Promise<BrandRow | null> {
    return (await ctx.taxonomy()).brandBySlug.get(slug) ?? null;
  }
}
