import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the address book: INVALID, NOT_FOUND, LIMIT_REACHED. */
export const AddressError = { ...CommonError } as const;
export type AddressError = ErrorCode<typeof AddressError>;
