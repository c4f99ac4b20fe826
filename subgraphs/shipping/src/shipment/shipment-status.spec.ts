import { canMove, ShipmentStatus as S } from './shipment-status';

describe('shipment status moves', () => {
  it.each([
    [S.LABEL_CREATED, S.IN_TRANSIT],
    [S.LABEL_CREATED, S.DELIVERED],
    [S.IN_TRANSIT, S.IN_TRANSIT],
    [S.IN_TRANSIT, S.OUT_FOR_DELIVERY],
    [S.OUT_FOR_DELIVERY, S.FAILED],
    [S.FAILED, S.FAILED],
    [S.FAILED, S.OUT_FOR_DELIVERY],
    [S.FAILED, S.DELIVERED],
    [S.FAILED, S.RETURNED],
    [S.DELIVERED, S.RETURNED],
    [S.PENDING, S.LABEL_CREATED],
  ])('%s → %s is allowed', (from, to) => expect(canMove(from, to)).toBe(true));

  it.each([
    [S.IN_TRANSIT, S.LABEL_CREATED],
    [S.OUT_FOR_DELIVERY, S.IN_TRANSIT],
    [S.LABEL_CREATED, S.PENDING],
    [S.DELIVERED, S.IN_TRANSIT],
    [S.DELIVERED, S.DELIVERED],
    [S.DELIVERED, S.FAILED],
    [S.RETURNED, S.RETURNED],
    [S.RETURNED, S.IN_TRANSIT],
    [S.FAILED, S.LABEL_CREATED],
    [S.PENDING, S.RETURNED],
  ])('%s → %s is refused', (from, to) => expect(canMove(from, to)).toBe(false));
});
