import { isSku, isSlug, isWeight, slugify } from './rules';

describe('catalog input rules', () => {
  it('derives slugs from names', () => {
    expect(slugify('Noise-Cancelling Headphones  Pro')).toBe('noise-cancelling-headphones-pro');
    expect(slugify('Café & Crème')).toBe('cafe-and-creme');
    expect(slugify('!!!')).toBe('');
    expect(isSlug(slugify('Über Lamp 2000'))).toBe(true);
  });

  it('accepts slugs of lower-case words joined by single hyphens', () => {
    expect(isSlug('wireless-mouse')).toBe(true);
    expect(isSlug('Wireless')).toBe(false);
    expect(isSlug('double--hyphen')).toBe(false);
    expect(isSlug('-lead')).toBe(false);
  });

  it('checks weights and SKUs', () => {
    expect(isWeight('0.125')).toBe(true);
    expect(isWeight('1.2345')).toBe(false);
    expect(isSku('HP-100.b_2')).toBe(true);
    expect(isSku('has space')).toBe(false);
  });
});
