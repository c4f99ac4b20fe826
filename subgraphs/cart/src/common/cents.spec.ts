import { fromCents, toCents } from './cents';

describe('cents', () => {
  it.each([
    ['0', 0],
    ['19.99', 1999],
    ['19.9', 1990],
    ['7', 700],
    ['-3.05', -305],
    ['1234567890.12', 123456789012],
  ])('%s is %i cents and back', (amount, cents) => {
    expect(toCents(amount)).toBe(cents);
    expect(toCents(fromCents(cents))).toBe(cents);
  });

  it('refuses what is not an amount', () => {
    expect(() => toCents('12,50')).toThrow();
    expect(() => toCents('abc')).toThrow();
  });
});
