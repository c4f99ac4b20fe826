import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Customer, SelfOrStaff } from '../../../../platform/graphql/authorization';
import { requireIdentity } from '../../../../platform/graphql/auth-checker';
import type { UsersContext } from '../context';
import { User } from '../user/user.type';
import { Product } from './product.type';
import { DeleteWishlistPayload, WishlistPayload } from './wishlist.payloads';
import * as wishlists from './wishlist.service';
import { Wishlist, WishlistItem } from './wishlist.type';
import { PRIVATE } from '../user/user.cache-hints';

@Resolver(() => User)
export class UserWishlistsResolver {
  @SelfOrStaff()
  @Directive(PRIVATE)
  @FieldResolver(() => [Wishlist], {
    description: 'The wishlists of the user: the default first, then oldest first; empty until something is saved. Private: the owner and staff.',
  })
  wishlists(@Root() user: User, @Ctx() ctx: UsersContext): Promise<Wishlist[]> {
    return ctx.loaders.wishlistsByUser.load(user.id);
  }
}

@Resolver(() => Wishlist)
export class WishlistResolver {
  @FieldResolver(() => [WishlistItem], { description: 'The saved products, most recently added first (at most 500).' })
  items(@Root() wishlist: Wishlist, @Ctx() ctx: UsersContext): Promise<WishlistItem[]> {
    return ctx.loaders.itemsByWishlist.load(wishlist.id);
  }

  @Customer()
  @Mutation(() => WishlistPayload, {
    description:
      "Saves a product on one of the caller's wishlists; without wishlistId on the default wishlist, created on demand. " +
      'A product already on that wishlist is not added twice (success, nothing changes). Needs a signed-in user. ' +
      'userErrors: INVALID (productId is not a UUID), NOT_FOUND (no such wishlist of yours), LIMIT_REACHED (500 products per wishlist, 20 wishlists).',
  })
  addToWishlist(
    @Arg('productId', () => ID, { description: 'The product to save (Product.id).' }) productId: string,
    @Arg('wishlistId', () => ID, { nullable: true, description: 'One of your wishlists; the default wishlist when absent.' }) wishlistId: string | null,
    @Ctx() ctx: UsersContext,
  ): Promise<WishlistPayload> {
    return wishlists.addToWishlist(ctx, requireIdentity(ctx).userId, productId, wishlistId);
  }

  @Customer()
  @Mutation(() => WishlistPayload, {
    description: "Removes an entry from one of the caller's wishlists and returns that wishlist. Needs a signed-in user. userErrors: NOT_FOUND (no such item on your wishlists).",
  })
  removeFromWishlist(
    @Arg('itemId', () => ID, { description: 'WishlistItem.id of the entry to remove.' }) itemId: string,
    @Ctx() ctx: UsersContext,
  ): Promise<WishlistPayload> {
    return wishlists.removeFromWishlist(ctx, requireIdentity(ctx).userId, itemId);
  }

  @Customer()
  @Mutation(() => WishlistPayload, {
    description: 'Creates an empty named wishlist for the caller (not the default one). Needs a signed-in user. userErrors: INVALID (name not 1 to 100 characters), LIMIT_REACHED (20 wishlists).',
  })
  createWishlist(
    @Arg('name', { description: 'The name, 1 to 100 characters (trimmed).' }) name: string,
    @Ctx() ctx: UsersContext,
  ): Promise<WishlistPayload> {
    return wishlists.createWishlist(ctx, requireIdentity(ctx).userId, name);
  }

  @Customer()
  @Mutation(() => WishlistPayload, {
    description: "Renames one of the caller's wishlists. Needs a signed-in user. userErrors: INVALID (name not 1 to 100 characters), NOT_FOUND (no such wishlist of yours).",
  })
  renameWishlist(
    @Arg('id', () => ID, { description: 'The wishlist to rename.' }) id: string,
    @Arg('name', { description: 'The new name, 1 to 100 characters (trimmed).' }) name: string,
    @Ctx() ctx: UsersContext,
  ): Promise<WishlistPayload> {
    return wishlists.renameWishlist(ctx, requireIdentity(ctx).userId, id, name);
  }

  @Customer()
  @Mutation(() => DeleteWishlistPayload, {
    description:
      "Deletes one of the caller's wishlists with its items. Deleting the default wishlist is allowed; the next addToWishlist without wishlistId creates a new one. " +
      'Needs a signed-in user. userErrors: NOT_FOUND (no such wishlist of yours).',
  })
  deleteWishlist(@Arg('id', () => ID, { description: 'The wishlist to delete.' }) id: string, @Ctx() ctx: UsersContext): Promise<DeleteWishlistPayload> {
    return wishlists.deleteWishlist(ctx, requireIdentity(ctx).userId, id);
  }
}

@Resolver(() => WishlistItem)
export class WishlistItemResolver {
  @FieldResolver(() => Product, { nullable: true, description: 'The saved product, its details from the catalog; null when the catalog has no product with this id (it was deleted, or never existed).' })
  product(@Root() item: WishlistItem): Product {
    return Object.assign(new Product(), { id: item.productId });
  }
}
