import { MAX_QUANTITY, normaliseCodes, quantityProblem } from './cart.rules';

describe('cart rules', () => {
  it('quantities are whole numbers from 1 (0 when it removes) to the limit', () => {
    expect(quantityProblem(1)).toBeNull();
    expect(quantityProblem(MAX_QUANTITY)).toBeNull();
    expect(quantityProblem(0)).toMatch(/1 to/);
    expect(quantityProblem(0, true)).toBeNull();
    expect(quantityProblem(-1, true)).not.toBeNull();
    expect(quantityProblem(MAX_QUANTITY + 1)).not.toBeNull();
    expect(quantityProblem(1.5)).not.toBeNull();
  });

  it('codes are compared in upper case, each once', () => {
    expect(normaliseCodes([' save10 ', 'SAVE10', 'Other', ''])).toEqual(['SAVE10', 'OTHER']);
  });
});
