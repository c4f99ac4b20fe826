import { isHttpUrl, isMoneyAmount, isSku, isSlug, isWeight, slugify, toCents } from './rules';

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

  it('checks money amounts and compares them exactly', () => {
    expect(isMoneyAmount('19.99')).toBe(true);
    expect(isMoneyAmount('20')).toBe(true);
    expect(isMoneyAmount('-1.00')).toBe(false);
    expect(isMoneyAmount('1.999')).toBe(false);
    expect(toCents('19.9')).toBe(1990n);
    expect(toCents('0.07') < toCents('0.1')).toBe(true);
  });

  it('checks weights, SKUs and image URLs', () => {
    expect(isWeight('0.125')).toBe(true);
    expect(isWeight('1.2345')).toBe(false);
    expect(isSku('HP-100.b_2')).toBe(true);
    expect(isSku('has space')).toBe(false);
    expect(isHttpUrl('https://img.example.com/a.jpg')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  });
});
