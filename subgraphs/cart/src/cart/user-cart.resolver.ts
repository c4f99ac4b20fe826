import { randomUUID } from 'node:crypto';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { CartContext } from '../context';
import type { CartRow } from './cart-row';
import { Cart } from './cart.type';
import { openCartOf } from './cart-write';
import { User } from './user.type';

@Resolver(() => User)
export class UserCartResolver {
  @FieldResolver(() => Cart, {
    nullable: true,
    description: "The customer's cart, created empty on first use; only the user themself sees it (null for anyone else). A guest cart given at sign-in is merged into it.",
  })
  async cart(@Root() user: User, @Ctx() ctx: CartContext): Promise<CartRow | null> {
    const userId = ctx.identity?.userId;
    if (!userId || userId !== user.id) return null;
    const open = await ctx.loaders.openCartByUser.load(userId);
    if (open) return open;
    const created = await ctx.db.write((m) => openCartOf(m, userId, randomUUID()));
    ctx.changed();
    return created;
  }
}
