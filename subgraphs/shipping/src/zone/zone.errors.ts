import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the zone and method mutations: INVALID, NOT_FOUND, TAKEN (another zone has the name). */
export const ZoneError = { ...CommonError } as const;
export type ZoneError = ErrorCode<typeof ZoneError>;
