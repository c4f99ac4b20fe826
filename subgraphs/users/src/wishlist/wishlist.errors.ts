import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the wishlist mutations: INVALID, NOT_FOUND, LIMIT_REACHED. */
export const WishlistError = { ...CommonError } as const;
export type WishlistError = ErrorCode<typeof WishlistError>;
