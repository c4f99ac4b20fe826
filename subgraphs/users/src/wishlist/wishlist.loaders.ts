import { In } from 'typeorm';
import type { RequestDb } from '../../../../platform/db/request-db';
import { groupLoader } from '../../../../platform/loaders';
import { WishlistEntity, WishlistItemEntity } from './wishlist.entity';

export function wishlistLoaders(db: RequestDb) {
  return {
    /** Each user's wishlists: the default first, then oldest first. */
    wishlistsByUser: groupLoader(
      (userIds: readonly string[]) =>
        db.read((m) =>
          m.find(WishlistEntity, { where: { userId: In([...userIds]) }, order: { isDefault: 'DESC', createdAt: 'ASC', id: 'ASC' } }),
        ),
      (w) => w.userId,
    ),
    /** Each wishlist's items, most recently added first. */
    itemsByWishlist: groupLoader(
      (wishlistIds: readonly string[]) =>
        db.read((m) =>
          m.find(WishlistItemEntity, { where: { wishlistId: In([...wishlistIds]) }, order: { addedAt: 'DESC', id: 'ASC' } }),
        ),
      (i) => i.wishlistId,
    ),
  };
}
