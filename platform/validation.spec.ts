import { isCountryCode, isEmail, isHttpUrl, isIsoDate, isMoneyAmount, isUuid, nulPath, toCents } from './validation';

describe('validation', () => {
  it('checks e-mail addresses', () => {
    expect(isEmail('ann@example.com')).toBe(true);
    expect(isEmail('not-an-email')).toBe(false);
    expect(isEmail('a b@example.com')).toBe(false);
    expect(isEmail('a@localhost')).toBe(false);
  });
  it('checks country codes against ISO 3166-1', () => {
    expect(isCountryCode('TH')).toBe(true);
    expect(isCountryCode('US')).toBe(true);
    expect(isCountryCode('QQ')).toBe(false);
    expect(isCountryCode('th')).toBe(false);
    expect(isCountryCode('USA')).toBe(false);
  });
  it('checks dates and ids', () => {
    expect(isIsoDate('1990-05-17')).toBe(true);
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(isUuid('8c0f6a3e-2b1d-4c5e-9f00-1a2b3c4d5e6f')).toBe(true);
    expect(isUuid("1' or '1'='1")).toBe(false);
  });
  it('checks money amounts and compares them exactly', () => {
    expect(isMoneyAmount('19.99')).toBe(true);
    expect(isMoneyAmount('20')).toBe(true);
    expect(isMoneyAmount('-1.00')).toBe(false);
    expect(isMoneyAmount('1.999')).toBe(false);
    expect(toCents('19.9')).toBe(1990n);
    expect(toCents('0.07') < toCents('0.1')).toBe(true);
  });

  it('checks http(s) URLs', () => {
    expect(isHttpUrl('https://img.example.com/a.jpg')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
  });

  it('finds NUL characters anywhere in an input', () => {
    expect(nulPath({ input: { email: 'a@example.com', tags: ['ok', 'n\u0000l'] } })).toBe('input.tags[1]');
    expect(nulPath('\u0000')).toBe('(value)');
    expect(nulPath({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(nulPath({ input: { name: 'fine', count: 3, none: null } })).toBeUndefined();
  });
});
