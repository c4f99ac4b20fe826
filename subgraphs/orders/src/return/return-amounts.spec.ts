import { allocate, lineShares, returnRefunds, unitsShare } from './return-amounts';

describe('return amounts', () => {
  it('allocate splits by largest remainder and sums exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(500, [4000, 1000])).toEqual([400, 100]);
    expect(allocate(1, [1, 2])).toEqual([0, 1]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
    expect(allocate(7, [0, 0])).toEqual([0, 0]);
    for (const [total, weights] of [[999, [333, 1, 7, 7]], [12345, [1, 2, 3, 4, 5]], [1, [1, 1, 1]]] as const) {
      expect(allocate(total, weights).reduce((s, x) => s + x, 0)).toBe(total);
    }
  });

  it('lineShares takes the discount out pro rata and splits the tax over the net amounts', () => {
    // 2 × 20.00 and 1 × 10.00, 5.00 off, 7 % tax on 45.00 = 3.15
    const lines = [{ id: 'a', quantity: 2, unitPriceCents: 2000 }, { id: 'b', quantity: 1, unitPriceCents: 1000 }];
    expect(lineShares(lines, { discountCents: 500, taxCents: 315 })).toEqual([
      { netCents: 3600, taxCents: 252 },
      { netCents: 900, taxCents: 63 },
    ]);
  });

  it('unit amounts telescope: returning every unit one at a time refunds exactly the share', () => {
    const parts = [0, 1, 2].map((from) => unitsShare(100, 3, from, 1));
    expect(parts).toEqual([33, 33, 34]);
    expect(unitsShare(100, 3, 0, 3)).toBe(100);
    expect(unitsShare(100, 3, 1, 2)).toBe(67);
  });

  it('returnRefunds never exceeds what was paid for the goods and their tax, however the units are split', () => {
    const lines = [{ id: 'a', quantity: 3, unitPriceCents: 999 }, { id: 'b', quantity: 7, unitPriceCents: 333 }];
    const order = { discountCents: 777, taxCents: 403 };
    const fixed = new Map<string, number>();
    let goods = 0;
    let tax = 0;
    for (const batch of [[{ orderLineId: 'a', quantity: 1 }, { orderLineId: 'b', quantity: 3 }], [{ orderLineId: 'b', quantity: 2 }], [{ orderLineId: 'a', quantity: 2 }, { orderLineId: 'b', quantity: 2 }]]) {
      for (const r of returnRefunds(lines, order, batch, fixed)) {
        goods += r.goodsCents;
        tax += r.taxCents;
      }
      for (const r of batch) fixed.set(r.orderLineId, (fixed.get(r.orderLineId) ?? 0) + r.quantity);
      expect(goods).toBeLessThanOrEqual(3 * 999 + 7 * 333 - 777);
      expect(tax).toBeLessThanOrEqual(403);
    }
    expect(goods).toBe(3 * 999 + 7 * 333 - 777);
    expect(tax).toBe(403);
    expect(() => returnRefunds(lines, order, [{ orderLineId: 'a', quantity: 1 }], fixed)).toThrow(/more units/);
  });
});
