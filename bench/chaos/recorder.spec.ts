import { mergeWindows, recoveredAfter, windowOf, type RequestRecord } from './recorder';

const request = (start: number, end: number, outcome: RequestRecord['outcome'] = 'ok', codes: string[] = []): RequestRecord => ({ operation: 'ProductList', start, end, outcome, codes });

describe('fault windows', () => {
  it('counts a request under way during the window, also one that started before it and hung through it', () => {
    const requests = [request(0, 50), request(90, 400, 'failed', ['network:timeout']), request(150, 160), request(300, 310, 'partial', ['graphql:SERVICE_UNAVAILABLE']), request(500, 510)];
    const w = windowOf(requests, 100, 350);
    expect(w).toMatchObject({ requests: 3, ok: 1, partial: 1, failed: 1, errors: { 'network:timeout': 1, 'graphql:SERVICE_UNAVAILABLE': 1 }, maxMs: 310 });
    expect(w.availability).toBeCloseTo(2 / 3);
    expect(w.byOperation.ProductList).toEqual([3, 2, 310]);
    expect(windowOf(requests, 100, 350, true).requests).toBe(2);
  });

  it('merges windows', () => {
    const merged = mergeWindows([windowOf([request(0, 10)], 0, 100), windowOf([request(0, 30, 'failed', ['http:500'])], 0, 100)]);
    expect(merged).toMatchObject({ requests: 2, ok: 1, failed: 1, availability: 0.5, errors: { 'http:500': 1 }, maxMs: 30 });
  });
});

describe('time to recover', () => {
  const heal = 1000;
  it('is the end of the last failure after the heal, once enough requests succeeded after it for 2 s', () => {
    const requests = [request(900, 1500, 'failed'), request(1600, 1800, 'failed'), ...Array.from({ length: 5 }, (_, i) => request(1900 + i * 100, 1950 + i * 100))];
    expect(recoveredAfter(requests, heal, 5, 3000)).toBeUndefined(); // not 2 s after the last failure yet
    expect(recoveredAfter(requests, heal, 6, 4000)).toBeUndefined(); // not enough successes
    expect(recoveredAfter(requests, heal, 5, 4000)).toBe(800);
  });

  it('is 0 when nothing failed after the heal', () => {
    expect(recoveredAfter([request(500, 900, 'failed'), request(1000, 1100), request(1100, 1200)], heal, 2, 5000)).toBe(0);
  });
});
