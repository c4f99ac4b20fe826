import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the account operations (registration, sign-in, tokens, passwords, verification). */
export const AccountError = {
  ...CommonError,
  /** Another account already uses this e-mail address. */
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  /** Unknown e-mail or wrong password (never says which). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** A refresh, reset or verification token that is unknown, used or expired. */
  INVALID_TOKEN: 'INVALID_TOKEN',
  /** A refresh token was presented twice: its whole session is revoked. */
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  ALREADY_VERIFIED: 'ALREADY_VERIFIED',
} as const;
export type AccountError = ErrorCode<typeof AccountError>;
