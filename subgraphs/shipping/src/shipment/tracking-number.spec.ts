import { generateTrackingNumber, normalizeTrackingNumber, TRACKING_NUMBER } from './tracking-number';

describe('tracking numbers', () => {
  it('are generated with the carrier\'s letters, valid and distinct', () => {
    const numbers = Array.from({ length: 500 }, () => generateTrackingNumber('Thailand Post'));
    for (const n of numbers) expect(n).toMatch(/^THA[0-9A-Z]{14}$/);
    for (const n of numbers) expect(TRACKING_NUMBER.test(n)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(generateTrackingNumber('123')).toMatch(/^SHP/);
  });

  it('are compared upper case without spaces', () => {
    expect(normalizeTrackingNumber(' 1z 999-aa1 ')).toBe('1Z999-AA1');
  });
});
