import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/** The userErrors codes of the saved-card mutations: NOT_FOUND (no such card of yours). */
export const PaymentMethodError = { ...CommonError } as const;
export type PaymentMethodError = ErrorCode<typeof PaymentMethodError>;
