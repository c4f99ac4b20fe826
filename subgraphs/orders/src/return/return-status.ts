import { registerEnumType } from 'type-graphql';

export enum ReturnStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  RECEIVED = 'RECEIVED',
  REFUNDED = 'REFUNDED',
}
registerEnumType(ReturnStatus, {
  name: 'ReturnStatus',
  description: 'Where a return is: REQUESTED → APPROVED or REJECTED; APPROVED → RECEIVED (refund and stock return) → REFUNDED.',
  valuesConfig: {
    REQUESTED: { description: 'Asked for by the customer; staff have not decided yet.' },
    APPROVED: { description: 'Staff accepted it: the customer may send the units back.' },
    REJECTED: { description: 'Staff refused it; its units may be asked for again in another return.' },
    RECEIVED: { description: 'The units came back: their share of what was paid is refunded and they are back in stock.' },
    REFUNDED: { description: 'Closed: the refund went through.' },
  },
});

/** The moves staff may make, by the status they start from. */
export const NEXT_STATUSES: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  [ReturnStatus.REQUESTED]: [ReturnStatus.APPROVED, ReturnStatus.REJECTED],
  [ReturnStatus.APPROVED]: [ReturnStatus.RECEIVED],
  [ReturnStatus.RECEIVED]: [ReturnStatus.REFUNDED],
  [ReturnStatus.REJECTED]: [],
  [ReturnStatus.REFUNDED]: [],
};

/** Whether staff may move a return from `from` to `to`. */
export const canMove = (from: ReturnStatus, to: ReturnStatus): boolean => NEXT_STATUSES[from].includes(to);

/** Statuses whose units count against what may still be returned (every one but REJECTED). */
export const COUNTING: readonly ReturnStatus[] = [ReturnStatus.REQUESTED, ReturnStatus.APPROVED, ReturnStatus.RECEIVED, ReturnStatus.REFUNDED];
