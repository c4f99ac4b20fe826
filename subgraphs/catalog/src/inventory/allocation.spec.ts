import { allocate, mergeLines } from './allocation';

const row = (productId: string, warehouseId: string, onHand: number, reserved: number, priority: number) => ({ productId, warehouseId, onHand, reserved, priority });

describe('allocating reservation lines to warehouses', () => {
  it('takes from the highest-priority warehouse first and splits when it runs short', () => {
    const stock = [row('p', 'w-b', 10, 0, 100), row('p', 'w-a', 3, 1, 0)];
    expect(allocate([{ productId: 'p', quantity: 5 }], stock)).toEqual({
      allocations: [
        { productId: 'p', warehouseId: 'w-a', quantity: 2 },
        { productId: 'p', warehouseId: 'w-b', quantity: 3 },
      ],
      shortages: [],
    });
  });

  it('reports every line that lacks stock and allocates nothing for it', () => {
    const stock = [row('p', 'w', 1, 1, 0), row('q', 'w', 4, 0, 0)];
    const result = allocate([{ productId: 'q', quantity: 4 }, { productId: 'p', quantity: 1 }, { productId: 'r', quantity: 1 }], stock);
    expect(result.shortages).toEqual([
      { index: 1, productId: 'p', requested: 1, available: 0 },
      { index: 2, productId: 'r', requested: 1, available: 0 },
    ]);
    expect(result.allocations).toEqual([{ productId: 'q', warehouseId: 'w', quantity: 4 }]);
  });

  it('merges lines of the same product', () => {
    expect(mergeLines([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 2 }, { productId: 'a', quantity: 3 }])).toEqual([
      { productId: 'a', quantity: 4 },
      { productId: 'b', quantity: 2 },
    ]);
  });
});
