import { toMoneyString, toUnits } from './decimal';
import { cheapestFirst, priceFor, type PricedMethod } from './rate-price';

const flat: PricedMethod = { rateKind: 'FLAT', currencyCode: 'USD', flatPrice: '5.99', freeOverSubtotal: null, tiers: [] };
const tiered: PricedMethod = {
  rateKind: 'WEIGHT_TIERED',
  currencyCode: 'USD',
  flatPrice: null,
  freeOverSubtotal: null,
  tiers: [
    { maxWeightKg: '5', price: '12.00' },
    { maxWeightKg: '1', price: '8.5' },
  ],
};
const cart = (subtotal: string, weightKg: string, currencyCode = 'USD') => ({ subtotal, weightKg, currencyCode });

describe('priceFor', () => {
  it('charges a flat price whatever the weight', () => {
    expect(priceFor(flat, cart('10.00', '0'))).toBe('5.99');
    expect(priceFor(flat, cart('10.00', '120.5'))).toBe('5.99');
  });

  it('picks the lightest weight tier that takes the cart, the boundary included', () => {
    expect(priceFor(tiered, cart('1', '0.2'))).toBe('8.50');
    expect(priceFor(tiered, cart('1', '1.000'))).toBe('8.50');
    expect(priceFor(tiered, cart('1', '1.001'))).toBe('12.00');
    expect(priceFor(tiered, cart('1', '5'))).toBe('12.00');
  });

  it('does not offer a tiered method for a cart heavier than its last tier, nor a method of another currency', () => {
    expect(priceFor(tiered, cart('1', '5.001'))).toBeNull();
    expect(priceFor(flat, cart('10', '1', 'EUR'))).toBeNull();
  });

  it('is free from the threshold on, not a cent below', () => {
    const free = { ...flat, freeOverSubtotal: '50.00' };
    expect(priceFor(free, cart('49.99', '1'))).toBe('5.99');
    expect(priceFor(free, cart('50', '1'))).toBe('0.00');
    expect(priceFor({ ...tiered, freeOverSubtotal: '100' }, cart('100.01', '6'))).toBeNull();
  });
});

describe('cheapestFirst', () => {
  it('sorts by price, then by the fewest days, then by name', () => {
    const rates = [
      { name: 'b', price: '10.00', estimatedDaysMax: 3 },
      { name: 'a', price: '9.99', estimatedDaysMax: 9 },
      { name: 'c', price: '10.00', estimatedDaysMax: 2 },
      { name: 'a2', price: '10.00', estimatedDaysMax: 2 },
    ];
    expect(cheapestFirst(rates).map((r) => r.name)).toEqual(['a', 'a2', 'c', 'b']);
  });
});

describe('decimals', () => {
  it('are exact', () => {
    expect(toUnits('0.1') + toUnits('0.2')).toBe(toUnits('0.3'));
    expect(toMoneyString(toUnits('7'))).toBe('7.00');
    expect(() => toUnits('-1')).toThrow();
  });
});
