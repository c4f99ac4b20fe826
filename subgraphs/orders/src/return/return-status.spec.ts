import { canMove, ReturnStatus } from './return-status';

describe('return status moves', () => {
  const { REQUESTED, APPROVED, REJECTED, RECEIVED, REFUNDED } = ReturnStatus;

  it('go REQUESTED → APPROVED | REJECTED, APPROVED → RECEIVED → REFUNDED, and nowhere else', () => {
    const allowed = Object.values(ReturnStatus).flatMap((from) => Object.values(ReturnStatus).filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual([`${REQUESTED}→${APPROVED}`, `${REQUESTED}→${REJECTED}`, `${APPROVED}→${RECEIVED}`, `${RECEIVED}→${REFUNDED}`]);
  });
});
