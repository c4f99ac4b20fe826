import { checkCountries, checkPrefixes, checkPrice, normalizePostalCode } from './zone.rules';

describe('zone rules', () => {
  it('normalises country codes and refuses unassigned ones', () => {
    expect(checkCountries([' us', 'US', 'th'], 'f')).toEqual({ value: ['TH', 'US'] });
    expect(checkCountries(['XX'], 'f').problem?.code).toBe('INVALID');
    expect(checkCountries(['USA'], 'f').problem?.code).toBe('INVALID');
    expect(checkCountries([], 'f').problem?.code).toBe('INVALID');
  });

  it('compares postal codes without case, spaces or dashes', () => {
    expect(normalizePostalCode('sw1a 1aa')).toBe('SW1A1AA');
    expect(checkPrefixes(['9', ' 94-1 '], 'f')).toEqual({ value: ['9', '941'] });
    expect(checkPrefixes(['9*'], 'f').problem?.code).toBe('INVALID');
  });

  it('wants exactly one of a flat price and weight tiers, with sane amounts', () => {
    expect(checkPrice('5.99', undefined)).toEqual([]);
    expect(checkPrice(undefined, [{ maxWeight: '1', price: '2' }, { maxWeight: '5.5', price: '4.00' }])).toEqual([]);
    expect(checkPrice('5', [{ maxWeight: '1', price: '2' }]).map((e) => e.field)).toEqual(['input.flatPrice']);
    expect(checkPrice(undefined, undefined).map((e) => e.code)).toEqual(['INVALID']);
    expect(checkPrice('5.999', undefined).map((e) => e.field)).toEqual(['input.flatPrice']);
    expect(checkPrice(undefined, []).map((e) => e.field)).toEqual(['input.weightTiers']);
    expect(checkPrice(undefined, [{ maxWeight: '0', price: '1' }]).map((e) => e.field)).toEqual(['input.weightTiers.0.maxWeight']);
    expect(checkPrice(undefined, [{ maxWeight: '1', price: '1' }, { maxWeight: '1.000', price: '2' }]).map((e) => e.field)).toEqual(['input.weightTiers']);
  });
});
