import type { EntityManager } from 'typeorm';
import { lockKey } from '../../../../platform/db/advisory-lock';
import { userError, type UserError } from '../../../../platform/graphql/types';
import { isUuid } from '../../../../platform/validation';
import { WishlistError } from './wishlist.errors';
import type { UsersContext } from '../context';
import { WishlistEntity, WishlistItemEntity } from './wishlist.entity';

export const MAX_WISHLISTS = 20;
export const MAX_ITEMS_PER_WISHLIST = 500;
export const DEFAULT_WISHLIST_NAME = 'Wishlist';

export type WishlistResult = { wishlist: WishlistEntity | null; userErrors: UserError[] };

const failed = (...userErrors: UserError[]): WishlistResult => ({ wishlist: null, userErrors });
const wishlistNotFound = (field: string) => failed(userError(WishlistError.NOT_FOUND, 'You have no wishlist with this id', field));

/** Serialises one customer's wishlist changes, so limits and the single default hold under concurrency. */
async function lockCustomer(m: EntityManager, userId: string): Promise<void> {
  await lockKey(m, `wishlists:${userId}`);
}

/** The customer's wishlist with this id; null for anyone else's, or a malformed id. */
function ownWishlist(m: EntityManager, userId: string, id: string): Promise<WishlistEntity | null> {
  if (!isUuid(id)) return Promise.resolve(null);
  return m.findOneBy(WishlistEntity, { id, userId });
}

function nameProblem(name: string, field = 'name'): UserError | null {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) return userError(WishlistError.INVALID, 'A wishlist name has 1 to 100 characters', field);
  return null;
}

/** Later reads in this request (the payload's items, `me.wishlists`) must not come from a loader's cache. */
function forget(ctx: UsersContext, userId: string, wishlistId?: string) {
  ctx.loaders.wishlistsByUser.clear(userId);
  if (wishlistId) ctx.loaders.itemsByWishlist.clear(wishlistId);
}

/** The default wishlist, created when missing (it counts toward the limit of wishlists). */
async function defaultWishlist(m: EntityManager, userId: string): Promise<WishlistEntity | UserError> {
  const existing = await m.findOneBy(WishlistEntity, { userId, isDefault: true });
  if (existing) return existing;
  if ((await m.countBy(WishlistEntity, { userId })) >= MAX_WISHLISTS) {
    return userError(WishlistError.LIMIT_REACHED, `At most ${MAX_WISHLISTS} wishlists per account: delete one first`);
  }
  const { identifiers } = await m.insert(WishlistEntity, { userId, name: DEFAULT_WISHLIST_NAME, isDefault: true });
  return m.findOneByOrFail(WishlistEntity, { id: identifiers[0].id as string });
}

/**
 * Saves a product on a wishlist (the default one when `wishlistId` is absent, created on demand).
 * A product already on that wishlist stays there once: the call succeeds and changes nothing.
 */
export async function addToWishlist(ctx: UsersContext, userId: string, productId: string, wishlistId?: string | null): Promise<WishlistResult> {
  if (!isUuid(productId)) return failed(userError(WishlistError.INVALID, 'productId must be a product id (UUID)', 'productId'));
  const result = await ctx.db.write(async (m): Promise<WishlistResult> => {
    await lockCustomer(m, userId);
    let wishlist: WishlistEntity;
    if (wishlistId) {
      const own = await ownWishlist(m, userId, wishlistId);
      if (!own) return wishlistNotFound('wishlistId');
      wishlist = own;
    } else {
      const found = await defaultWishlist(m, userId);
      if ('code' in found) return failed(found);
      wishlist = found;
    }
    if (await m.existsBy(WishlistItemEntity, { wishlistId: wishlist.id, productId })) return { wishlist, userErrors: [] };
    if ((await m.countBy(WishlistItemEntity, { wishlistId: wishlist.id })) >= MAX_ITEMS_PER_WISHLIST) {
      return failed(userError(WishlistError.LIMIT_REACHED, `At most ${MAX_ITEMS_PER_WISHLIST} products per wishlist`, 'productId'));
    }
    await m.createQueryBuilder().insert().into(WishlistItemEntity).values({ wishlistId: wishlist.id, productId }).orIgnore().execute();
    await m.update(WishlistEntity, { id: wishlist.id }, { updatedAt: new Date() });
    return { wishlist, userErrors: [] };
  });
  forget(ctx, userId, result.wishlist?.id);
  return result;
}

/** Removes an entry from one of the customer's wishlists; returns that wishlist. */
export async function removeFromWishlist(ctx: UsersContext, userId: string, itemId: string): Promise<WishlistResult> {
  if (!isUuid(itemId)) return failed(userError(WishlistError.NOT_FOUND, 'You have no wishlist item with this id', 'itemId'));
  const result = await ctx.db.write(async (m): Promise<WishlistResult> => {
    await lockCustomer(m, userId);
    const wishlist = await m
      .createQueryBuilder(WishlistEntity, 'w')
      .innerJoin(WishlistItemEntity, 'i', 'i.wishlist_id = w.id')
      .where('i.id = :itemId AND w.user_id = :userId', { itemId, userId })
      .getOne();
    if (!wishlist) return failed(userError(WishlistError.NOT_FOUND, 'You have no wishlist item with this id', 'itemId'));
    await m.delete(WishlistItemEntity, { id: itemId });
    await m.update(WishlistEntity, { id: wishlist.id }, { updatedAt: new Date() });
    return { wishlist, userErrors: [] };
  });
  forget(ctx, userId, result.wishlist?.id);
  return result;
}

/** Creates a named (not default) wishlist. */
export async function createWishlist(ctx: UsersContext, userId: string, name: string): Promise<WishlistResult> {
  const problem = nameProblem(name);
  if (problem) return failed(problem);
  const result = await ctx.db.write(async (m): Promise<WishlistResult> => {
    await lockCustomer(m, userId);
    if ((await m.countBy(WishlistEntity, { userId })) >= MAX_WISHLISTS) {
      return failed(userError(WishlistError.LIMIT_REACHED, `At most ${MAX_WISHLISTS} wishlists per account: delete one first`));
    }
    const { identifiers } = await m.insert(WishlistEntity, { userId, name: name.trim(), isDefault: false });
    return { wishlist: await m.findOneByOrFail(WishlistEntity, { id: identifiers[0].id as string }), userErrors: [] };
  });
  forget(ctx, userId);
  return result;
}

export async function renameWishlist(ctx: UsersContext, userId: string, id: string, name: string): Promise<WishlistResult> {
  const problem = nameProblem(name);
  if (problem) return failed(problem);
  const result = await ctx.db.write(async (m): Promise<WishlistResult> => {
    await lockCustomer(m, userId);
    const wishlist = await ownWishlist(m, userId, id);
    if (!wishlist) return wishlistNotFound('id');
    await m.update(WishlistEntity, { id }, { name: name.trim() });
    return { wishlist: { ...wishlist, name: name.trim() }, userErrors: [] };
  });
  forget(ctx, userId, result.wishlist?.id);
  return result;
}

/** Deletes a wishlist and its items. Deleting the default one is allowed: the next addToWishlist without wishlistId makes a new one. */
export async function deleteWishlist(ctx: UsersContext, userId: string, id: string): Promise<{ deletedId: string | null; userErrors: UserError[] }> {
  const result = await ctx.db.write(async (m) => {
    await lockCustomer(m, userId);
    const wishlist = await ownWishlist(m, userId, id);
    if (!wishlist) return { deletedId: null, userErrors: wishlistNotFound('id').userErrors };
    await m.delete(WishlistEntity, { id });
    return { deletedId: id, userErrors: [] };
  });
  forget(ctx, userId, result.deletedId ?? undefined);
  return result;
}
