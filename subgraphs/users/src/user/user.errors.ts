import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of profile changes: INVALID. */
export const ProfileError = { ...CommonError } as const;
export type ProfileError = ErrorCode<typeof ProfileError>;
