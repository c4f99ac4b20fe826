import { AmbiguousCommitError, backoffMs, RETRY_DEFAULTS, retryableReason, rolledBack } from './retry';

describe('retryable database errors', () => {
  it.each([
    ['57P01', { code: '57P01' }],
    ['57P02', { code: '57P02' }],
    ['57P03', { code: '57P03' }],
    ['08006', { code: '08006' }],
    ['08003', { driverError: { code: '08003' } }],
    ['40001', { driverError: { code: '40001' } }],
    ['40P01', { driverError: { code: '40P01' } }],
    ['ECONNRESET', { code: 'ECONNRESET' }],
    ['ECONNREFUSED', { code: 'ECONNREFUSED' }],
    ['connection', new Error('Connection terminated unexpectedly')],
    ['connection', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s is retryable', (reason, error) => {
    expect(retryableReason(error)).toBe(reason);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a lock timeout', { driverError: { code: '55P03' } }],
    ['a statement timeout', { driverError: { code: '57014' } }],
    ['a bug', new TypeError('x is undefined')],
    ['an ambiguous commit', new AmbiguousCommitError(new Error('Connection terminated'))],
  ])('%s is not', (_name, error) => {
    expect(retryableReason(error instanceof AmbiguousCommitError ? { code: error.code } : error)).toBeUndefined();
  });

  it('tells a rolled-back conflict from a lost connection', () => {
    expect(rolledBack({ driverError: { code: '40001' } })).toBe(true);
    expect(rolledBack({ code: '40P01' })).toBe(true);
    expect(rolledBack({ code: '57P01' })).toBe(false);
    expect(rolledBack(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('backs off with jitter within a doubling, capped ceiling', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(RETRY_DEFAULTS.maxDelayMs, RETRY_DEFAULTS.baseDelayMs * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = backoffMs(RETRY_DEFAULTS, attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
