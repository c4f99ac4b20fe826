import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of updateNotificationPreferences: INVALID (a combination that does not exist, or one given twice). */
export const NotificationPreferenceError = { ...CommonError } as const;
export type NotificationPreferenceError = ErrorCode<typeof NotificationPreferenceError>;
