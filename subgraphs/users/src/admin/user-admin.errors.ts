import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the staff's account administration. */
export const UserAdminError = {
  ...CommonError,
  /** Staff cannot take the ADMIN role from themselves. */
  CANNOT_REMOVE_OWN_ADMIN: 'CANNOT_REMOVE_OWN_ADMIN',
  /** The change would leave no account with the ADMIN role. */
  LAST_ADMIN: 'LAST_ADMIN',
} as const;
export type UserAdminError = ErrorCode<typeof UserAdminError>;
