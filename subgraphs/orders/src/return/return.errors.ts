import { CommonError, type ErrorCode } from '../../../../platform/graphql/error-codes';

/**
 * The userErrors codes of returns: INVALID, NOT_FOUND (the order, a line of it, or the return),
 * ORDER_NOT_DELIVERED (only delivered orders take returns), RETURN_QUANTITY_EXCEEDED (more units
 * than bought minus those already in returns), INVALID_RETURN_TRANSITION (not a move the return
 * may make from its status), RETURN_IN_PROGRESS (its receipt is running or waits on payments or
 * catalog: it is finished in the background, or by repeating the request), REFUND_FAILED (payments
 * refused the refund: the return stays APPROVED, nothing went back to stock).
 */
export const ReturnError = {
  ...CommonError,
  ORDER_NOT_DELIVERED: 'ORDER_NOT_DELIVERED',
  RETURN_QUANTITY_EXCEEDED: 'RETURN_QUANTITY_EXCEEDED',
  INVALID_RETURN_TRANSITION: 'INVALID_RETURN_TRANSITION',
  RETURN_IN_PROGRESS: 'RETURN_IN_PROGRESS',
  REFUND_FAILED: 'REFUND_FAILED',
} as const;
export type ReturnError = ErrorCode<typeof ReturnError>;
