import { checkCountries, checkPrice } from '../zone/zone.rules';
import { EU_COUNTRIES, SEED_ZONES } from './seed-data';

describe('the demo shipping data', () => {
  it('passes the rules staff input must pass, with distinct ids', () => {
    for (const zone of SEED_ZONES) {
      expect(checkCountries(zone.countryCodes, 'z').problem).toBeUndefined();
      for (const m of zone.methods) expect(checkPrice(m.flatPrice, m.tiers?.map(([maxWeight, price]) => ({ maxWeight, price })))).toEqual([]);
    }
    const ids = SEED_ZONES.flatMap((z) => [z.id, ...z.methods.map((m) => m.id)]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers the 27 EU countries', () => {
    expect(new Set(EU_COUNTRIES).size).toBe(27);
  });
});
