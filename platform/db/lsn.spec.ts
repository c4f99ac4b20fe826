import { isLsn, maxLsn } from './lsn';

describe('lsn', () => {
  it('recognises WAL positions', () => {
    expect(isLsn('0/16B3748')).toBe(true);
    expect(isLsn('16/B374D848')).toBe(true);
    expect(isLsn("0/1'; drop table x")).toBe(false);
    expect(isLsn(undefined)).toBe(false);
  });
  it('compares by value, not by text', () => {
    expect(maxLsn('0/9', '0/10')).toBe('0/10');
    expect(maxLsn('1/0', '0/FFFFFFFF')).toBe('1/0');
    expect(maxLsn(undefined, '0/1')).toBe('0/1');
    expect(maxLsn('bad', undefined)).toBeUndefined();
  });
});
