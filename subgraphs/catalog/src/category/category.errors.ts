import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the category mutations: INVALID, NOT_FOUND (parent), TAKEN (slug). */
export const CategoryError = { ...CommonError } as const;
export type CategoryError = ErrorCode<typeof CategoryError>;
