import { canMove, isRefundable, PaymentStatus, refundedStatus, wasCaptured } from './payment-status';

const S = PaymentStatus;

describe('payment status machine', () => {
  it('moves PENDING to AUTHORIZED or FAILED only', () => {
    expect(Object.values(S).filter((to) => canMove(S.PENDING, to))).toEqual([S.AUTHORIZED, S.FAILED]);
  });

  it('captures or voids an authorization, nothing else', () => {
    expect(Object.values(S).filter((to) => canMove(S.AUTHORIZED, to))).toEqual([S.CAPTURED, S.VOIDED]);
  });

  it('refunds only after capture, partially any number of times', () => {
    expect(canMove(S.CAPTURED, S.PARTIALLY_REFUNDED)).toBe(true);
    expect(canMove(S.CAPTURED, S.REFUNDED)).toBe(true);
    expect(canMove(S.PARTIALLY_REFUNDED, S.PARTIALLY_REFUNDED)).toBe(true);
    expect(canMove(S.PARTIALLY_REFUNDED, S.REFUNDED)).toBe(true);
    expect(canMove(S.AUTHORIZED, S.REFUNDED)).toBe(false);
    expect(canMove(S.CAPTURED, S.VOIDED)).toBe(false);
  });

  it('keeps FAILED, VOIDED and REFUNDED final', () => {
    for (const from of [S.FAILED, S.VOIDED, S.REFUNDED]) expect(Object.values(S).filter((to) => canMove(from, to))).toEqual([]);
  });

  it('derives the status from refunded and captured cents', () => {
    expect(refundedStatus(10000, 0)).toBe(S.CAPTURED);
    expect(refundedStatus(10000, 3000)).toBe(S.PARTIALLY_REFUNDED);
    expect(refundedStatus(10000, 10000)).toBe(S.REFUNDED);
  });

  it('allows refunds of captured money that is not all given back', () => {
    expect(Object.values(S).filter(isRefundable)).toEqual([S.CAPTURED, S.PARTIALLY_REFUNDED]);
    expect(Object.values(S).filter(wasCaptured)).toEqual([S.CAPTURED, S.PARTIALLY_REFUNDED, S.REFUNDED]);
  });
});
