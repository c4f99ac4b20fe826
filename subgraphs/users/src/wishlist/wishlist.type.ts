import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../../platform/graphql/scalars';

@ObjectType({ description: "One of a customer's wishlists: the default one or a named one. Private to its owner (and staff)." })
export class Wishlist {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;

  @Field({ description: 'The name the customer gave it, 1 to 100 characters; the default wishlist is called "Wishlist" until renamed.' })
  name!: string;

  @Field({ description: 'True for the list that addToWishlist uses when no wishlistId is given. At most one per customer.' })
  isDefault!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the wishlist was created (ISO 8601).' })
  createdAt!: Date;
}

@ObjectType({ description: 'A product saved on a wishlist.' })
export class WishlistItem {
  @Field(() => ID, { description: 'Stable identifier of this entry (UUID); pass it to removeFromWishlist.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When the product was added (ISO 8601).' })
  addedAt!: Date;

  /** Not a GraphQL field: `product` resolves from it. */
  productId!: string;
}
