import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the product mutations: INVALID, NOT_FOUND (product, brand, category), TAKEN (slug, SKU). */
export const ProductError = { ...CommonError } as const;
export type ProductError = ErrorCode<typeof ProductError>;
