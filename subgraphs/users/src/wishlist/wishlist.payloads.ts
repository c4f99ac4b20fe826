import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../../../platform/graphql/types';
import { Wishlist } from './wishlist.type';

@ObjectType({ description: 'A wishlist after a change.' })
export class WishlistPayload {
  @Field(() => Wishlist, { nullable: true, description: 'The wishlist as it is now; null when userErrors is not empty.' })
  wishlist!: Wishlist | null;

  @Field(() => [UserError], { description: 'Why it failed: INVALID, NOT_FOUND, LIMIT_REACHED (each mutation lists which).' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'The result of deleting a wishlist.' })
export class DeleteWishlistPayload {
  @Field(() => ID, { nullable: true, description: 'The id of the deleted wishlist; null when userErrors is not empty.' })
  deletedId!: string | null;

  @Field(() => [UserError], { description: 'Why it failed: NOT_FOUND (no such wishlist of yours).' })
  userErrors!: UserError[];
}
