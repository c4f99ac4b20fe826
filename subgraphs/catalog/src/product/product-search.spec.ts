import { toPrefixTsQuery } from './product-search';

describe('search terms → tsquery', () => {
  it('ANDs the words and matches the last one as a prefix', () => {
    expect(toPrefixTsQuery('Wireless head')).toBe('wireless & head:*');
    expect(toPrefixTsQuery('lamp')).toBe('lamp:*');
  });

  it('keeps only letters and digits, so no input breaks the query syntax', () => {
    expect(toPrefixTsQuery("it's & | ! (x):* <-> 4k")).toBe('it & s & x & 4k:*');
    expect(toPrefixTsQuery('café crème')).toBe('café & crème:*');
  });

  it('has nothing to search for in punctuation alone', () => {
    expect(toPrefixTsQuery('  !!! ')).toBeNull();
    expect(toPrefixTsQuery('')).toBeNull();
  });

  it('refuses very long input', () => {
    expect(() => toPrefixTsQuery('x'.repeat(201))).toThrow(/at most 200/);
  });
});
